#include "report/model_report.h"

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>

#include "common/escape.h"
#include "inventory/inventory_result.h"

namespace sovscan {

using nlohmann::ordered_json;

namespace {

// Cut to `width` columns keeping the start (cells are ASCII after terminal_safe()).
std::string fit(std::string s, size_t width) {
    if (s.size() <= width) return s;
    return s.substr(0, width - 1) + "~";
}

// Paths keep their end, where the model's own name is.
std::string fit_path(std::string s, size_t width) {
    if (s.size() <= width) return s;
    return "~" + s.substr(s.size() - (width - 1));
}

const char* colour_of(Verdict v) {
    switch (v) {
        case Verdict::high_risk: return "\033[31m";
        case Verdict::review: return "\033[33m";
        case Verdict::clear: break;
    }
    return "\033[32m";
}

std::string dash_if_empty(const std::string& s) { return s.empty() ? "-" : s; }

std::string weights_label(const ModelArtifact& m) { return m.local_weights ? "local weights" : "config only"; }

std::string origin_label(const ModelAssessment& a) {
    if (!a.vendor) return "unknown";
    return fmt::format("{} ({})", a.vendor->id, a.family);
}

ordered_json nullable(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(printable(s)); }

ordered_json model_json(const ModelAssessment& a) {
    const ModelArtifact& m = a.model;
    ordered_json j;
    j["path"] = printable(m.path);
    j["format"] = m.format;
    j["architecture"] = nullable(m.architecture);
    j["name"] = nullable(m.name);
    j["organization"] = nullable(m.organization);
    ordered_json bases = ordered_json::array();
    for (const BaseModelRef& b : m.base_models)
        bases.push_back({{"name", nullable(b.name)}, {"organization", nullable(b.organization)}, {"repo_url", nullable(b.repo_url)}});
    j["base_models"] = bases;
    j["license"] = nullable(m.license);
    j["local_weights"] = m.local_weights;
    ordered_json evidence = ordered_json::array();
    for (const Evidence& e : a.evidence)
        evidence.push_back({{"fact", printable(e.fact)}, {"source", printable(e.source)}, {"version", nullable(e.version)}});
    j["origin"] = {{"vendor", a.vendor ? ordered_json(a.vendor->id) : ordered_json(nullptr)},
                   {"vendor_name", a.vendor ? nullable(a.vendor->name) : ordered_json(nullptr)},
                   {"family", nullable(a.family)},
                   {"controlled_by", nullable(a.controlled_by)},
                   {"prc_linked", a.vendor ? ordered_json(a.vendor->prc_linked) : ordered_json(nullptr)},
                   {"confidence", nullable(a.confidence)},
                   {"evidence", evidence}};
    j["verdict"] = std::string(verdict_label(a.verdict));
    j["jurisdictions"] = a.judgement.jurisdictions;
    ordered_json reasons = ordered_json::array();
    for (const std::string& r : a.reasons) reasons.push_back(printable(r));
    j["reasons"] = reasons;
    j["note"] = nullable(a.note);
    ordered_json identifiers = ordered_json::array();
    for (const AssetAttribute& at : m.attributes)
        identifiers.push_back({{"name", at.name},
                               {"value", printable(at.value)},
                               {"file", printable(at.source.file)},
                               {"key", printable(at.source.detail)},
                               {"confidence", at.confidence}});
    j["identifiers"] = identifiers;
    ordered_json files = ordered_json::array();
    for (const std::string& f : m.files) files.push_back(printable(f));
    j["files"] = files;
    ordered_json problems = ordered_json::array();
    for (const InventoryProblem& p : m.problems) problems.push_back(printable(problem_line(p)));
    j["problems"] = problems;
    return j;
}

}  // namespace

void write_models_table(const std::vector<ModelAssessment>& models, std::ostream& out, const ModelTableStyle& style) {
    if (models.empty()) {
        out << "no AI models found\n";
        return;
    }
    using Row = std::array<std::string, 9>;
    std::vector<Row> rows = {{"PATH", "FORMAT", "ARCHITECTURE", "NAME", "ORGANIZATION", "ORIGIN", "CONTROLLED BY",
                              "WEIGHTS", "VERDICT"}};
    for (const ModelAssessment& a : models) {
        const ModelArtifact& m = a.model;
        rows.push_back({fit_path(terminal_safe(m.path), style.path_width), m.format,
                        fit(terminal_safe(dash_if_empty(m.architecture)), 22), fit(terminal_safe(dash_if_empty(m.name)), 24),
                        fit(terminal_safe(dash_if_empty(m.organization)), 16), fit(origin_label(a), 26),
                        dash_if_empty(a.controlled_by), weights_label(m), std::string(verdict_label(a.verdict))});
    }
    std::array<size_t, 9> width{};
    for (const Row& r : rows)
        for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
    for (size_t n = 0; n < rows.size(); ++n) {
        const Row& r = rows[n];
        std::string line;
        for (size_t i = 0; i + 1 < r.size(); ++i) line += fmt::format("{:<{}}  ", r[i], width[i]);
        const bool coloured = style.colour && n > 0;
        out << line << (coloured ? colour_of(models[n - 1].verdict) : "") << r.back() << (coloured ? "\033[0m" : "")
            << "\n";
    }
    size_t counts[3] = {0, 0, 0};
    for (const ModelAssessment& a : models) ++counts[static_cast<size_t>(a.verdict)];
    out << fmt::format("\n{} model(s): {} high_risk, {} review, {} clear\n", models.size(), counts[2], counts[1],
                       counts[0]);
    for (const ModelAssessment& a : models) {
        if (a.verdict == Verdict::clear && a.model.problems.empty()) continue;
        out << "\n" << terminal_safe(a.model.path) << ": " << verdict_label(a.verdict) << "\n";
        for (const std::string& r : a.reasons) out << "  " << terminal_safe(r) << "\n";
        if (!a.evidence.empty()) out << "  evidence: " << terminal_safe(a.evidence.front().fact) << "\n";
        if (!a.note.empty()) out << "  note: " << terminal_safe(a.note) << "\n";
        for (const InventoryProblem& p : a.model.problems) out << "  problem: " << terminal_safe(problem_line(p)) << "\n";
    }
}

void write_models_json(const std::vector<ModelAssessment>& models, std::ostream& out) {
    ordered_json all = ordered_json::array();
    for (const ModelAssessment& a : models) all.push_back(model_json(a));
    out << all.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace sovscan
