// `attentionlab export`: stages as images (png, svg, pdf) or data (csv, npy,
// json), headless: image formats run Qt on its offscreen platform, so no
// display and no environment variable are needed.
#pragma once

namespace attn::cli {

int run_export(int argc, char** argv);

}  // namespace attn::cli
