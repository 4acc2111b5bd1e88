// attentionlab: the desktop app, or a command-line tool when given a command.
// Only wiring lives here: the CLI in cli.cpp, the window in ui/, the math in core/.
#include "base/memory.h"
#include "cli.h"
#include "engine/kernels/kernels.h"

#include <iostream>
#include <string>

#ifdef ATTN_WITH_GUI
#include "window/app_main.h"
#endif

int main(int argc, char** argv) {
    attn::keep_freed_memory_for_reuse();  // traces are rebuilt on every edit: reuse their pages
    if (const std::string problem = attn::kernels_request_problem(); !problem.empty()) std::cerr << "attentionlab: " << problem << "\n";
    if (attn::cli::wants_cli(argc, argv)) return attn::cli::run(argc, argv);
#ifdef ATTN_WITH_GUI
    return attn::ui::run_app(argc, argv);
#else
    std::cerr << "attentionlab was built without the GUI (ATTN_BUILD_GUI=OFF); see attentionlab --help\n";
    return 2;
#endif
}
