// test_cli writes its models with the inventory tests' writer. tests/CMakeLists.txt gives test_cli
// only the sources tests' capture builders; until it lists inventory/model_file_writer.cpp as well
// (target_sources(test_cli PRIVATE .../inventory/model_file_writer.cpp)), the writer is compiled here.
#include "inventory/model_file_writer.cpp"
