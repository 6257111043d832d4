#pragma once
// Finds AI models under directories: every GGUF file is one model; the files of one Hugging Face
// model directory (config.json, generation_config.json, tokenizer_config.json, *.safetensors
// shards, *.bin weights, weight indexes) are one model together. A directory with weight files is
// `local_weights`; one with configs only is a config (a tokenizer download, or the settings of a
// client that calls the model through an API).
#include <string>
#include <vector>

#include "inventory/asset_record.h"

namespace sovscan {

struct ModelInventory {
    std::vector<ModelArtifact> models;  // by path
    // Inputs that yielded nothing: a path that does not exist, a directory that cannot be listed, a
    // model file that cannot be opened or is not its format at all. (What a model's files lack in
    // part is in its own ModelArtifact::problems.)
    std::vector<InventoryProblem> problems;
};

// Walks each path (a directory, recursively and without following symbolic links to directories,
// or a single model file).
ModelInventory scan_models(const std::vector<std::string>& paths);

// Whether a file starts like a Git LFS pointer ("version https://git-lfs.github.com/spec/v1"): a
// repository cloned without LFS has these small text files where the weights should be.
bool is_git_lfs_pointer(const std::string& path);

}  // namespace sovscan
