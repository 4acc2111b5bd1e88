// The GUI tests' precompiled header is built with this file (tests/CMakeLists.txt, attn_gui_test):
// each test reuses it instead of parsing Qt, QCustomPlot, Eigen and the window's headers again.
