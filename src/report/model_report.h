#pragma once
// `sovscan models` results as people read them (an aligned table, then why each model that is not
// clear is not) and as programs do (a JSON array, one object per model, every key always present).
// Everything read from the model files is attacker-controlled: both writers escape it.
#include <ostream>
#include <vector>

#include "assess/model_assessment.h"

namespace sovscan {

struct ModelTableStyle {
    bool colour = false;     // ANSI colours for the verdicts, only on a terminal
    size_t path_width = 44;  // longer paths keep their end
};

void write_models_table(const std::vector<ModelAssessment>& models, std::ostream& out, const ModelTableStyle& style);

// Fields: docs/assets.md ("AI models").
void write_models_json(const std::vector<ModelAssessment>& models, std::ostream& out);

}  // namespace sovscan
