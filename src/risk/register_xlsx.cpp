#include "risk/register_xlsx.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <variant>
#include <vector>

#include "common/escape.h"
#include "report/utf8_text.h"
#include "risk/frame_text.h"
#include "risk/messages.h"

namespace sovscan {

namespace {

// What one cell holds. Text is already readable (readable_text / readable_again done by the caller).
struct Timestamp {
    int64_t ns = 0;
};
using Cell = std::variant<std::monostate, std::string, double, CalendarDate, Timestamp>;

Cell number(int64_t v) { return static_cast<double>(v); }

lxw_datetime to_lxw(CalendarDate d) {
    const std::string s = d.to_string();
    return lxw_datetime{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2)), 0, 0, 0.0};
}

lxw_datetime to_lxw(Timestamp t) {
    const std::time_t secs = static_cast<std::time_t>(t.ns / 1000000000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return lxw_datetime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                        static_cast<double>(tm.tm_sec)};
}

// XLSX cells hold at most 32,767 characters: a longer text is cut on a UTF-8 boundary, marked "…".
std::string fit_cell(std::string s) {
    constexpr size_t kMax = 32000;  // bytes: fewer characters than the limit whatever the script
    if (s.size() <= kMax) return s;
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
    return s + "…";
}

// Characters, not bytes: what a column's width counts.
size_t display_width(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

class Workbook {
public:
    explicit Workbook(const std::string& path) : wb_(workbook_new(path.c_str())) {
        if (!wb_) return;
        header_ = workbook_add_format(wb_);
        format_set_bold(header_);
        format_set_text_wrap(header_);
        format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
        format_set_bg_color(header_, 0xDDE4EE);
        format_set_bottom(header_, LXW_BORDER_THIN);
        text_ = workbook_add_format(wb_);
        format_set_text_wrap(text_);
        format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);
        date_ = workbook_add_format(wb_);
        format_set_num_format(date_, "yyyy-mm-dd");
        format_set_align(date_, LXW_ALIGN_VERTICAL_TOP);
        datetime_ = workbook_add_format(wb_);
        format_set_num_format(datetime_, "yyyy-mm-dd hh:mm:ss");
        format_set_align(datetime_, LXW_ALIGN_VERTICAL_TOP);
        number_ = workbook_add_format(wb_);
        format_set_align(number_, LXW_ALIGN_VERTICAL_TOP);
        title_ = workbook_add_format(wb_);
        format_set_bold(title_);
        format_set_font_size(title_, 13);
        warning_ = workbook_add_format(wb_);
        format_set_bold(warning_);
        format_set_font_color(warning_, 0x9C0006);
        format_set_text_wrap(warning_);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    ~Workbook() {
        if (wb_ && !closed_) workbook_close(wb_);
    }
    bool ok() const { return wb_ != nullptr; }
    lxw_error close() {
        closed_ = true;
        return workbook_close(wb_);
    }

    lxw_workbook* wb_;
    lxw_format *header_ = nullptr, *text_ = nullptr, *date_ = nullptr, *datetime_ = nullptr, *number_ = nullptr,
               *title_ = nullptr, *warning_ = nullptr;
    bool closed_ = false;
};

// One sheet: a header row (frozen, with an autofilter) and data rows; widths follow the content.
class Sheet {
public:
    Sheet(Workbook& wb, const std::string& name) : wb_(wb), ws_(workbook_add_worksheet(wb.wb_, name.c_str())) {}

    // A header row at the cursor (row 0 on a table sheet).
    void head(const std::vector<std::string>& labels) {
        ensure_columns(labels.size());
        for (size_t c = 0; c < labels.size(); ++c) put(row_, c, Cell(labels[c]), wb_.header_);
        ++row_;
    }
    void row(const std::vector<Cell>& cells) {
        for (size_t c = 0; c < cells.size(); ++c) put(row_, c, cells[c], nullptr);
        ++row_;
    }
    // A table sheet: frozen header, autofilter over the data, column widths.
    void finish_table() {
        worksheet_freeze_panes(ws_, 1, 0);
        if (columns_ > 0)
            worksheet_autofilter(ws_, 0, 0, static_cast<lxw_row_t>(std::max<size_t>(row_, 1) - 1),
                                 static_cast<lxw_col_t>(columns_ - 1));
        set_widths();
    }
    void set_widths() {
        for (size_t c = 0; c < widths_.size(); ++c)
            worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 static_cast<double>(std::min<size_t>(widths_[c] + 2, 60)), nullptr);
    }
    // Free text rows (document and method sheets).
    void line(const std::string& text, lxw_format* format) {
        put(row_++, 0, Cell(text), format);
    }
    void skip() { ++row_; }
    Workbook& book() { return wb_; }
    void ensure_columns(size_t n) {
        if (widths_.size() < n) widths_.resize(n, 8);
        columns_ = std::max(columns_, n);
    }

private:
    void put(size_t r, size_t c, const Cell& cell, lxw_format* format) {
        const auto row = static_cast<lxw_row_t>(r);
        const auto col = static_cast<lxw_col_t>(c);
        ensure_columns(c + 1);
        if (const auto* s = std::get_if<std::string>(&cell)) {
            if (s->empty()) return;
            const std::string text = fit_cell(*s);
            // worksheet_write_string stores a shared string: never a formula, whatever it starts with.
            worksheet_write_string(ws_, row, col, text.c_str(), format ? format : wb_.text_);
            size_t longest = 0, start = 0;
            while (start <= text.size()) {  // the longest line of a multi-line cell
                size_t end = text.find('\n', start);
                if (end == std::string::npos) end = text.size();
                longest = std::max(longest, display_width(text.substr(start, end - start)));
                start = end + 1;
            }
            widths_[c] = std::max(widths_[c], longest);
        } else if (const auto* d = std::get_if<double>(&cell)) {
            worksheet_write_number(ws_, row, col, *d, format ? format : wb_.number_);
            widths_[c] = std::max<size_t>(widths_[c], 6);
        } else if (const auto* day = std::get_if<CalendarDate>(&cell)) {
            lxw_datetime dt = to_lxw(*day);
            worksheet_write_datetime(ws_, row, col, &dt, wb_.date_);
            widths_[c] = std::max<size_t>(widths_[c], 11);
        } else if (const auto* ts = std::get_if<Timestamp>(&cell)) {
            lxw_datetime dt = to_lxw(*ts);
            worksheet_write_datetime(ws_, row, col, &dt, wb_.datetime_);
            widths_[c] = std::max<size_t>(widths_[c], 19);
        }
    }

    Workbook& wb_;
    lxw_worksheet* ws_;
    size_t row_ = 0, columns_ = 0;
    std::vector<size_t> widths_;
};

std::string t(std::string_view raw) { return readable_text(raw); }

std::string joined(const std::vector<std::string>& items) { return t(fmt::format("{}", fmt::join(items, "; "))); }

std::string ids_of(const std::vector<ExceptionRef>& refs) {
    std::vector<std::string> v;
    for (const ExceptionRef& r : refs) v.push_back(r.id);
    return joined(v);
}

class XlsxWriter {
public:
    XlsxWriter(const RiskRegister& reg, RiskLang lang, Workbook& wb)
        : reg_(reg), lang_(lang), wb_(wb), frame_(frame_text(reg, lang)) {}

    void write() {
        document();
        risks();
        applicability();
        treatment();
        suppliers();
        assets();
        primary_assets();
        method();
    }

private:
    std::string m(std::string_view key) const { return risk_msg(key, lang_); }
    std::vector<std::string> heads(std::initializer_list<std::string_view> keys) const {
        std::vector<std::string> v;
        for (std::string_view k : keys) v.push_back(m(k));
        return v;
    }

    void document() {
        Sheet s(wb_, m("xlsx.sheet.document"));
        s.line(t(m("title")), wb_.title_);
        s.skip();
        s.head({m("col.item"), m("col.value")});
        for (const auto& [label, value] : frame_.header) {
            if (label == m("assessed_on")) s.row({t(label), reg_.assessed_on});
            else if (label == m("frame.date")) s.row({t(label), reg_.frame.document_date});
            else s.row({t(label), t(value)});
        }
        if (reg_.frame.has_traffic) {
            s.row({m("col.first_packet"), Timestamp{reg_.frame.first_ns}});
            s.row({m("col.last_packet"), Timestamp{reg_.frame.last_ns}});
        }
        s.skip();
        for (const std::string& w : frame_.warnings) s.line(t(w), wb_.warning_);
        s.skip();
        s.line(t(frame_.legal_title), wb_.title_);
        for (const std::string& l : frame_.legal_basis) s.line(t(l), nullptr);
        s.set_widths();
    }

    void risks() {
        Sheet s(wb_, m("xlsx.sheet.register"));
        s.head(heads({"col.id", "col.asset_id", "col.asset", "col.threat_id", "col.threat", "col.impact", "col.aspects",
                      "col.threat_level", "col.vulnerability", "col.score", "col.level", "col.level_code", "col.status",
                      "col.accepted_by", "col.expired_exceptions", "col.measure", "col.vendors", "col.findings",
                      "col.derivation"}));
        for (const RiskEntry& r : reg_.risks) {
            std::vector<std::string> derivation, findings;
            for (const RiskReason& reason : r.derivation) derivation.push_back(t(render_reason(reason, lang_)));
            for (const RiskFindingRef& f : r.findings)
                findings.push_back(fmt::format("{}: {}", t(f.rule), readable_again(f.summary)));
            s.row({t(r.id), t(r.asset_id), t(r.asset_name), t(r.threat_id), t(r.threat_name.in(lang_)), number(r.impact),
                   t(r.impact_aspects), number(r.threat_level), number(r.vulnerability), number(r.score),
                   risk_level_name(r.level).in(lang_), std::string(risk_level_code(r.level)),
                   render_risk_status(r.status, lang_), ids_of(r.accepted_by), ids_of(r.expired_exceptions),
                   joined(r.measure_ids), joined(r.vendors), fmt::format("{}", fmt::join(findings, "\n")),
                   fmt::format("{}", fmt::join(derivation, "\n"))});
        }
        s.finish_table();
    }

    void applicability() {
        Sheet s(wb_, m("xlsx.sheet.soa"));
        s.head(heads({"col.id", "col.measure", "col.decree", "col.applicable", "col.evidence", "col.risks", "col.status",
                      "col.note", "col.defined_at"}));
        for (const ApplicabilityEntry& a : reg_.applicability) {
            std::vector<std::string> triggers;
            for (const std::string& tr : a.triggers) triggers.push_back(render_trigger(tr, lang_));
            s.row({t(a.measure_id), t(a.name.in(lang_)), t(a.decree), m(a.applicable ? "yes" : "no"), joined(triggers),
                   joined(a.risk_ids), render_measure_status(a.status, lang_), t(a.note), readable_again(a.defined_at)});
        }
        s.finish_table();
    }

    void treatment() {
        Sheet s(wb_, m("xlsx.sheet.plan"));
        s.head(heads({"col.id", "col.measure_id", "col.measure", "col.decree", "col.description", "col.goal", "plan.owner",
                      "col.resources", "col.deadline", "col.risks", "col.level", "col.implementation"}));
        for (const TreatmentItem& item : reg_.treatment) {
            std::string decree;
            for (const ApplicabilityEntry& a : reg_.applicability)
                if (a.measure_id == item.measure_id) decree = a.decree;
            s.row({t(item.id), t(item.measure_id), t(item.name.in(lang_)), t(decree), t(item.description.in(lang_)),
                   t(item.goal.in(lang_)), item.owner.empty() ? m("to_be_decided") : t(item.owner),
                   t(item.resources_note.empty() ? item.resources.in(lang_) : item.resources_note),
                   item.deadline ? Cell(*item.deadline) : Cell(m("to_be_decided")), joined(item.risk_ids),
                   risk_level_name(item.highest).in(lang_), t(item.implementation.in(lang_))});
        }
        s.finish_table();
    }

    void suppliers() {
        Sheet s(wb_, m("xlsx.sheet.suppliers"));
        s.head(heads({"col.supplier", "col.kind", "col.supplier_id", "col.jurisdiction", "col.high_risk", "col.asset",
                      "col.dependency", "col.findings", "col.designations", "col.risks"}));
        for (const SupplierEntry& x : reg_.suppliers)
            s.row({t(x.name), m(fmt::format("kind.{}", x.kind)), t(x.id), t(x.jurisdiction), m(x.high_risk ? "yes" : "no"),
                   joined(x.asset_ids), joined(x.basis), number(static_cast<int64_t>(x.findings)), joined(x.designations_in(lang_)),
                   joined(x.risk_ids)});
        s.finish_table();
    }

    void assets() {
        Sheet s(wb_, m("xlsx.sheet.assets"));
        s.head(heads({"col.id", "col.asset", "col.category", "col.owner", "col.location", "col.c", "col.i", "col.a",
                      "col.basis", "col.primary", "col.risks"}));
        for (const ValuedAsset& a : reg_.assets)
            s.row({t(a.id), t(a.name), t(a.category), t(a.owner), t(a.location), number(a.c.value), number(a.i.value),
                   number(a.a.value), t(asset_value_basis(a, lang_)), joined(a.primary_ids), joined(a.risk_ids)});
        s.finish_table();
    }

    void primary_assets() {
        Sheet s(wb_, m("xlsx.sheet.primary"));
        s.head(heads({"col.id", "col.primary_name", "col.c", "col.i", "col.a", "col.supporting", "col.basis"}));
        for (size_t i = 0; i < reg_.primary_assets.size(); ++i) {
            const PrimaryAssetEntry& p = reg_.primary_assets[i];
            const std::vector<std::string>& words = frame_.primary_assets.rows[i];
            auto value = [&](int v) { return p.valued ? number(v) : Cell(m("primary.not_valued")); };
            s.row({t(p.id), t(p.name), value(p.c), value(p.i), value(p.a), joined(p.supporting_ids), t(words[6])});
        }
        s.finish_table();
    }

    void method() {
        Sheet s(wb_, m("xlsx.sheet.method"));
        s.line(t(frame_.appendix_title), wb_.title_);
        for (const TextSection& section : frame_.appendix) {
            s.skip();
            s.line(t(section.title), wb_.header_);
            for (const std::string& p : section.paragraphs) s.line(t(p), nullptr);
            if (section.table.head.empty()) continue;
            s.head(section.table.head);
            for (const auto& row : section.table.rows) {
                std::vector<Cell> cells;
                for (const std::string& c : row) cells.emplace_back(t(c));
                s.row(cells);
            }
        }
        s.set_widths();
    }

    const RiskRegister& reg_;
    RiskLang lang_;
    Workbook& wb_;
    FrameText frame_;
};

}  // namespace

bool write_risk_xlsx(const RiskRegister& reg, RiskLang lang, std::ostream& out, std::string& error) {
    // libxlsxwriter writes to a file name: a private temporary file, streamed out and removed.
    std::string dir = std::filesystem::temp_directory_path().string();
    std::string path = dir + "/sovscan-risk-XXXXXX";
    std::vector<char> buf(path.begin(), path.end());
    buf.push_back('\0');
    const int fd = mkstemp(buf.data());
    if (fd < 0) {
        error = "cannot create a temporary file for the workbook";
        return false;
    }
    close(fd);
    path = buf.data();
    bool ok = false;
    {
        Workbook wb(path);
        if (!wb.ok()) {
            error = "cannot start the workbook";
        } else {
            XlsxWriter(reg, lang, wb).write();
            const lxw_error e = wb.close();
            if (e != LXW_NO_ERROR) error = fmt::format("workbook: {}", lxw_strerror(e));
            else ok = true;
        }
    }
    if (ok) {
        std::ifstream in(path, std::ios::binary);
        out << in.rdbuf();
        ok = static_cast<bool>(out);
        if (!ok) error = "cannot write the workbook";
    }
    std::remove(path.c_str());
    return ok;
}

}  // namespace sovscan
