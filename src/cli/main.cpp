#include "cli/app.h"

int main(int argc, char** argv) { return sovscan::cli::run(argc, argv); }
