// libFuzzer target for the Hugging Face JSON files (config.json, tokenizer_config.json): any text,
// read as each kind of file, is a model's clues or a refusal with a reason.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "inventory/hf_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (auto kind : {sovscan::HfFileKind::model_config, sovscan::HfFileKind::tokenizer_config}) {
        sovscan::ModelArtifact model;
        std::string error;
        if (!sovscan::read_hf_file(kind, text, "config.json", model, error) && error.empty()) std::abort();
    }
    (void)sovscan::is_model_config(text);
    return 0;
}
