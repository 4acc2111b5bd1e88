#pragma once
namespace attn::ui {
int run_app(int argc, char** argv);
}
