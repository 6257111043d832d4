#include "risk/messages.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <array>

#include "risk/scale.h"

namespace sovscan {

namespace {

struct Message {
    std::string_view key, cs, en;
};

// The one table. Czech first: it is the language of the decree and of the auditor.
constexpr Message kMessages[] = {
    {"title", "Analýza rizik", "Risk analysis"},
    {"assessed_on", "Datum hodnocení", "Assessed on"},
    {"policy", "Politika", "Policy"},
    {"policy.none", "žádný soubor politiky (výchozí nastavení)", "no policy file (defaults)"},
    {"method",
     "Riziko = dopad × hrozba × zranitelnost (1–64). Dopad = nejvyšší z hodnot důvěrnosti (C), integrity (I) a "
     "dostupnosti (A) aktiva, které hrozba postihuje. Postup a všechna čísla: docs/risk-method.md.",
     "Risk = impact × threat × vulnerability (1–64). Impact = the highest of the asset's confidentiality (C), "
     "integrity (I) and availability (A) values that the threat harms. Method and every number: docs/risk-method.md."},
    {"cutoffs", "Úrovně rizika", "Risk levels"},
    {"col.level", "Úroveň", "Level"},
    {"col.scores", "Skóre", "Scores"},
    {"col.meaning", "Význam", "Meaning"},
    {"doc.report", "1. Zpráva o hodnocení rizik", "1. Risk-assessment report"},
    {"doc.soa", "2. Prohlášení o aplikovatelnosti", "2. Statement of applicability"},
    {"doc.plan", "3. Plán zvládání rizik", "3. Risk-treatment plan"},
    {"doc.suppliers", "4. Evidence dodavatelů", "4. Register of suppliers"},
    {"threats", "Hrozby", "Threats"},
    {"assets", "Aktiva", "Assets"},
    {"register", "Registr rizik", "Risk register"},
    {"details", "Odůvodnění jednotlivých rizik", "Reasons for each risk"},
    {"exceptions", "Přijatá rizika a výjimky", "Accepted risks and exceptions"},
    {"problems", "Problémy vstupů", "Input problems"},
    {"none", "žádné", "none"},
    {"to_be_decided", "bude rozhodnuto", "to be decided"},
    {"yes", "ano", "yes"},
    {"no", "ne", "no"},
    {"col.id", "ID", "ID"},
    {"col.threat", "Hrozba", "Threat"},
    {"col.threat_level", "Úroveň hrozby", "Threat level"},
    {"col.issued", "Vydáno", "Issued"},
    {"col.citation", "Citace", "Citation"},
    {"col.risks", "Rizika", "Risks"},
    {"col.asset", "Aktivum", "Asset"},
    {"col.category", "Kategorie", "Category"},
    {"col.owner", "Garant", "Owner"},
    {"col.c", "C", "C"},
    {"col.i", "I", "I"},
    {"col.a", "A", "A"},
    {"col.basis", "Původ hodnot", "Basis of values"},
    {"basis.inventory", "inventář (CMDB)", "inventory (CMDB)"},
    {"basis.default", "výchozí hodnoty kategorie {0}", "defaults of category {0}"},
    {"basis.policy", "hodnoty kategorie {0} z politiky", "values of category {0} from the policy"},
    {"basis.mixed", "inventář; chybějící z kategorie {0}", "inventory; missing ones from category {0}"},
    {"col.impact", "Dopad", "Impact"},
    {"col.vulnerability", "Zranitelnost", "Vulnerability"},
    {"col.score", "Riziko", "Risk"},
    {"col.status", "Stav", "Status"},
    {"col.measure", "Opatření", "Measure"},
    {"col.applicable", "Aplikovatelné", "Applicable"},
    {"col.evidence", "Zjištění", "Evidence"},
    {"col.note", "Odůvodnění / způsob", "Justification / how"},
    {"col.supplier", "Dodavatel", "Supplier"},
    {"col.kind", "Druh", "Kind"},
    {"col.jurisdiction", "Jurisdikce", "Jurisdiction"},
    {"col.high_risk", "Riziková jurisdikce", "High-risk jurisdiction"},
    {"col.findings", "Nálezy", "Findings"},
    {"col.designations", "Varování a seznamy", "Designations"},
    {"col.dependency", "Vazba (zjištěno z)", "Dependency (found by)"},
    {"col.justification", "Odůvodnění", "Justification"},
    {"col.expires", "Platnost do", "Expires"},
    {"col.defined_at", "Zapsáno v", "Written in"},
    {"kind.vendor", "výrobce", "vendor"},
    {"kind.operator", "provozovatel sítě", "network operator"},
    // Register of suppliers and counterpart operators (issue 15 defect 2, item 8).
    {"role.manufacturer", "výrobce", "manufacturer"},
    {"role.software", "dodavatel softwaru", "software vendor"},
    {"role.model", "dodavatel modelu AI", "AI model vendor"},
    {"role.service", "poskytovatel služby (cloud, API)", "service provider (cloud, API)"},
    {"col.roles", "Vztah k aktivům", "Supplies"},
    {"col.significant", "Významný dodavatel", "Significant supplier"},
    {"col.supplier_record", "Smlouva, kontakt, poslední hodnocení", "Contract, contact, last assessment"},
    {"significance.high_risk_jurisdiction", "riziková jurisdikce nebo oficiální varování",
     "high-risk jurisdiction or official designation"},
    {"significance.remote_access", "vzdálený přístup k aktivům (cloud zařízení)", "remote access to assets (device cloud)"},
    {"significance.data", "zpracovává data provozovatele", "processes the operator's data"},
    {"significance.important_asset", "dodává aktivum s hodnotou vysokou nebo kritickou",
     "supplies an asset valued high or critical"},
    {"significance.criteria", "ano: {0}", "yes: {0}"},
    {"significance.override", "{0} – určil provozovatel ({1})", "{0}, set by the operator ({1})"},
    {"supplier.contract", "smlouva: {0}", "contract: {0}"},
    {"supplier.contact", "kontakt: {0}", "contact: {0}"},
    {"supplier.assessed", "poslední hodnocení: {0}", "last assessed: {0}"},
    {"supplier.not_listed", "není v seznamu dodavatelů provozovatele", "not in the operator's supplier list"},
    {"suppliers.note",
     "Dodavatelé jsou organizace, od kterých provozovatel kupuje nebo na kterých jeho aktiva závisí: výrobci, dodavatelé "
     "softwaru a modelů AI, poskytovatelé služeb, které aktiva používají. Významný je dodavatel, který splňuje alespoň "
     "jedno kritérium: riziková jurisdikce nebo varování, vzdálený přístup k aktivům, zpracování dat provozovatele, "
     "dodávka aktiva s hodnotou vysokou nebo kritickou (postup popisuje metodika; provozovatel může určit jinak).",
     "Suppliers are the organisations the operator buys from or its assets depend on: manufacturers, software and AI "
     "model vendors, the services its assets use. A supplier is significant when it meets at least one criterion: "
     "high-risk jurisdiction or designation, remote access to assets, processing the operator's data, supplying an "
     "asset valued high or critical (the method describes how; the operator may decide otherwise)."},
    {"doc.counterparts", "Provozovatelé protistran", "Counterpart operators"},
    {"counterparts.note",
     "Sítě, do kterých aktiva posílala data, jejichž resolver DNS používala nebo ze kterých k nim byla otevřena relace. "
     "Nejsou to dodavatelé: provozovatel od nich nic nekupuje; jsou uvedeni jako doklad k rizikům.",
     "Networks the assets sent data to, whose DNS resolver they used or from which a session to them was opened. They "
     "are not suppliers: the operator buys nothing from them; they are listed as evidence for the risks."},
    {"col.operator", "Provozovatel sítě", "Network operator"},
    {"col.role", "Role", "Role"},
    {"col.counterparts", "Protistrany", "Counterparts"},
    {"col.rules", "Pravidla", "Rules"},
    {"cp_role.destination", "cíl odesílaných dat", "destination of data sent"},
    {"cp_role.resolver", "resolver DNS", "DNS resolver"},
    {"cp_role.remote_party", "původce příchozí relace", "origin of an inbound session"},
    {"risk.level_line", "Úroveň rizika: {0} ({1}). {2}", "Risk level: {0} ({1}). {2}"},
    {"risk.formula", "Riziko = dopad {0} ({1}) × hrozba {2} × zranitelnost {3} = {4}",
     "Risk = impact {0} ({1}) × threat {2} × vulnerability {3} = {4}"},
    {"risk.derivation", "Odvození zranitelnosti:", "Derivation of the vulnerability:"},
    {"risk.findings", "Nálezy:", "Findings:"},
    {"risk.accepted",
     "Přijaté riziko: výjimka {0} (garant {1}, platnost do {2}): {3}. Zbytkové riziko: {4} ({5}).",
     "Accepted risk: exception {0} (owner {1}, valid through {2}): {3}. Residual risk: {4} ({5})."},
    {"risk.expired", "POZOR: výjimka {0} (garant {1}) vypršela {2}; nálezy již nepokrývá (SOV-006).",
     "WARNING: exception {0} (owner {1}) expired on {2}; it no longer covers the findings (SOV-006)."},
    {"risk.suppressed_by", "přijato výjimkou {0}", "accepted by exception {0}"},
    {"risk.measures", "Opatření:", "Measures:"},
    {"exception.expired", "vypršela", "expired"},
    {"exception.valid", "platná", "valid"},
    {"reason.base", "výchozí úroveň", "starting level"},
    {"reason.outbound", "přímé spojení se servery v rizikové jurisdikci nebo ovládanými z ní: {0} ({1})",
     "direct connection to servers located in or controlled from the threat's jurisdictions: {0} ({1})"},
    {"reason.volume", "odesláno {0}, alespoň práh {1}", "{0} sent, at least the threshold of {1}"},
    {"reason.volume_low", "odesláno {0}, méně než práh {1}: bez zvýšení", "{0} sent, below the threshold of {1}: no increase"},
    {"reason.inbound", "relace otevřená z rizikové jurisdikce (vzdálený přístup): {0}",
     "session opened from the threat's jurisdictions (remote access): {0}"},
    {"reason.admin_port", "na port správy nebo průmyslového protokolu: {0}", "to a management or ICS port: {0}"},
    {"reason.device_only", "zařízení nebo software výrobce {0} (zjištěno: {1}) bez pozorovaného provozu: bez zvýšení",
     "device or software of {0} (found by: {1}) with no traffic seen: no increase"},
    {"reason.no_exception", "nálezy bez platné výjimky: {0} z celkem {1} (chybí zdokumentované rozhodnutí)",
     "no valid exception covers {0} of {1} findings (no documented decision)"},
    {"reason.no_decision", "riziko plyne z inventáře; žádné zdokumentované rozhodnutí",
     "the risk comes from the inventory; no documented decision"},
    {"reason.accepted", "všechny nálezy pokrývá platná výjimka {0}: bez zvýšení",
     "every finding is covered by the valid exception {0}: no increase"},
    {"reason.accepted_asset", "riziko z inventáře přijímá pro toto aktivum platná výjimka {0}: bez zvýšení",
     "the valid exception {0} accepts this asset's inventory risk: no increase"},
    {"reason.local_model",
     "jen lokální váhy modelu ({0}) bez spojení s výrobcem: úroveň 1 (varování NÚKIB k DeepSeek lokální modely "
     "vylučuje)",
     "local model weights only ({0}) with no contact with the vendor: level 1 (NÚKIB's DeepSeek warning excludes "
     "local models)"},
    {"reason.cap", "součet {0} omezen na nejvyšší úroveň 4", "sum {0} capped at the highest level 4"},
    {"status.open", "otevřené", "open"},
    {"status.accepted", "přijaté", "accepted"},
    {"measure.applied", "aplikováno", "applied"},
    {"measure.planned", "plánováno", "planned"},
    {"measure.not_applied", "neaplikováno", "not applied"},
    {"measure.in_plan", "v plánu zvládání rizik", "in the risk-treatment plan"},
    {"measure.not_required", "nevyžadováno: dotčená rizika jsou nízká nebo přijatá",
     "not required: the risks concerned are low or accepted"},
    {"measure.not_applicable", "neaplikovatelné: žádné riziko nemá zjištění, na která opatření odpovídá",
     "not applicable: no risk has evidence the measure answers"},
    {"trigger.located", "server v rizikové jurisdikci", "server located in a high-risk jurisdiction"},
    {"trigger.operated", "provozovatel ovládaný z rizikové jurisdikce", "operator controlled from a high-risk jurisdiction"},
    {"trigger.resolver", "DNS resolver z rizikové jurisdikce", "DNS resolver run from a high-risk jurisdiction"},
    {"trigger.vendor_cloud", "cloud výrobce", "vendor cloud"},
    {"trigger.vendor_device", "zařízení rizikového výrobce", "device of a high-risk vendor"},
    {"trigger.vendor_device_high", "zařízení rizikového výrobce s vysokým rizikem", "device of a high-risk vendor at high risk"},
    {"trigger.inbound", "vzdálený přístup z rizikové jurisdikce", "remote access from a high-risk jurisdiction"},
    {"trigger.admin_port", "port správy nebo průmyslového protokolu", "management or ICS port"},
    {"trigger.model", "model AI rizikového výrobce", "AI model of a high-risk vendor"},
    {"trigger.any", "jakékoli riziko", "any risk"},
    {"plan.description", "Popis opatření", "Description of the measure"},
    {"plan.goal", "Cíle a přínosy", "Goals and benefits"},
    {"plan.reduces", "Snižuje rizika: {0}", "Reduces the risks: {0}"},
    {"plan.owner", "Odpovědná osoba", "Responsible person"},
    {"plan.owner_policy", "{0} (z politiky)", "{0} (from the policy)"},
    {"plan.owner_asset", "{0} (garant dotčených aktiv)", "{0} (owner of the assets concerned)"},
    {"plan.resources", "Zdroje", "Resources"},
    {"plan.deadline", "Termín", "Deadline"},
    {"plan.deadline_policy", "{0} (z politiky)", "{0} (from the policy)"},
    {"plan.deadline_days", "{0} (lhůta pro úroveň {1} z politiky)", "{0} (the policy's time limit for level {1})"},
    {"plan.links", "Vazba mezi riziky a opatřením", "Links between risks and the measure"},
    {"plan.implementation", "Způsob realizace", "Implementation method"},
    {"plan.empty", "Žádné otevřené riziko úrovně Střední nebo vyšší: plán zvládání je prázdný.",
     "No open risk at Medium or above: the treatment plan is empty."},
    // The HTML page (risk_html.cpp): summary, charts, tables.
    {"html.generated", "Vytvořeno {0} programem sovscan {1}", "Generated {0} by sovscan {1}"},
    {"html.summary", "Souhrn", "Summary"},
    {"html.partial",
     "Neúplné výsledky: některý vstup byl zkrácený nebo poškozený; započteno je vše do místa poškození.",
     "Partial results: an input was truncated or corrupt; everything up to the damage is counted."},
    {"html.card.accepted", "přijatá", "accepted"},
    {"html.card.assets", "aktiva", "assets"},
    {"html.card.plan", "opatření v plánu", "measures in the plan"},
    {"html.card.suppliers", "dodavatelé", "suppliers"},
    {"html.summary_line",
     "Rizika celkem: {0}; otevřená na úrovni Vysoké nebo Kritické: {1}; přijatá výjimkou se zbytkovým rizikem: {2}; "
     "vypršelé výjimky: {3}.",
     "Risks in total: {0}; open at High or Critical: {1}; accepted by an exception with residual risk: {2}; expired "
     "exceptions: {3}."},
    {"html.volume", "Práh objemu odeslaných dat", "Threshold of data sent"},
    {"html.volume_value", "{0} bajtů", "{0} bytes"},
    {"html.inputs", "Vstupy", "Inputs"},
    {"html.inputs_value", "záznamy provozu: {0}; aktiva z inventáře a provozu: {1}; nálezy: {2}",
     "captures: {0}; assets from inventories and traffic: {1}; findings: {2}"},
    {"html.charts", "Přehled", "At a glance"},
    {"html.heat.caption", "Mapa rizik: dopad × pravděpodobnost", "Risk heat map: impact × likelihood"},
    {"html.heat.title", "Počet rizik podle dopadu a pravděpodobnosti", "Number of risks by impact and likelihood"},
    {"html.heat.x", "Pravděpodobnost = hrozba × zranitelnost", "Likelihood = threat × vulnerability"},
    {"html.heat.y", "Dopad", "Impact"},
    {"html.heat.cell", "skóre {0} ({1}): {2}", "score {0} ({1}): {2}"},
    {"html.heat.note",
     "Pravděpodobnost je součin úrovně hrozby a zranitelnosti (1–16); sloupce jsou všechny jeho možné hodnoty. Každá "
     "buňka je tedy jedno skóre rizika = dopad × pravděpodobnost, její barva je úroveň tohoto skóre a číslo počet "
     "rizik v ní (přijatá rizika se zbytkovým rizikem započtena).",
     "Likelihood is the product of the threat level and the vulnerability (1–16); the columns are all its possible "
     "values. Each cell is therefore one risk score = impact × likelihood, its colour the level of that score and its "
     "number the risks in it (accepted risks counted with their residual risk)."},
    {"html.no_traffic",
     "Bez záznamů provozu: grafy expozice podle jurisdikce, provozovatele a aktiv vycházejí z provozu.",
     "No captures: the exposure charts by jurisdiction, operator and asset need traffic."},
    {"html.no_history", "Nálezy nemají čas prvního výskytu: graf v čase není k dispozici.",
     "No finding has a first-seen time: no chart over time."},
    {"html.filter_hint",
     "Klepnutím na záhlaví sloupce se tabulka seřadí; do pole lze psát slova, zůstanou jen řádky obsahující všechna.",
     "Click a column header to sort; type in the box to keep only rows containing every word."},
    {"html.footer",
     "Samostatná stránka: nic nenačítá a spouští jen svůj vlastní skript. Tisk do PDF (A4) otevře všechna odůvodnění.",
     "Self-contained: this page loads nothing and runs only its own script. Printing to PDF (A4) opens every "
     "derivation."},
    {"html.derivation_summary", "odvození ({0} řádků)", "derivation ({0} lines)"},
    {"html.expired_flag", "vypršelá výjimka", "expired exception"},
    {"col.likelihood", "Pravděpodobnost", "Likelihood"},
    {"col.derivation", "Odvození a nálezy", "Derivation and findings"},
    {"col.residual", "Zbytkové riziko", "Residual risk"},
    {"col.location", "Umístění", "Location"},
    {"col.deadline", "Termín", "Deadline"},
    {"table.filter_placeholder", "Filtrovat řádky (musí obsahovat všechna slova)", "Filter rows (all words must appear)"},
    {"table.filter_label", "Filtrovat tabulku", "Filter the table"},
    {"table.rows_total", "řádků: {total}", "{total} rows"},
    {"table.rows_shown", "zobrazeno {shown} z {total} řádků", "{shown} of {total} rows shown"},
    // The exposure charts (exposure_charts.h) in the language of the page.
    {"chart.sent", "odesláno", "sent"},
    {"chart.received", "přijato", "received"},
    {"chart.unknown_location", "neznámé umístění", "unknown location"},
    {"chart.unknown_operator", "neznámý provozovatel", "unknown operator"},
    {"chart.servers_flows", "serverů: {0}, toků: {1}", "{0} server(s), {1} flow(s)"},
    {"chart.findings_count", "nálezů: {0}", "{0} finding(s)"},
    {"chart.accepted", "přijato výjimkou", "accepted"},
    {"chart.jurisdiction.caption", "Expozice podle jurisdikce", "Exposure by jurisdiction"},
    {"chart.jurisdiction.title", "Provoz se vzdálenými servery podle země, kde se nacházejí",
     "Traffic to remote servers by the country they are located in"},
    {"chart.jurisdiction.note",
     "Bajty, které místní zařízení vyměnila se vzdálenými servery (a DNS resolvery), podle země umístění serveru "
     "(geolokace). Rizikové jurisdikce jsou označeny červeně a zobrazeny všechny, ostatní jen největší.",
     "Bytes local hosts exchanged with remote servers (and DNS resolvers), by where each server is located "
     "(geolocation). High-risk jurisdictions are marked red; all of them are shown, the rest only the largest."},
    {"chart.jurisdiction.highlight", "riziková jurisdikce", "high-risk jurisdiction"},
    {"chart.operators.caption", "Expozice podle provozovatele nebo výrobce", "Exposure by operator or vendor"},
    {"chart.operators.title", "Provoz v nálezech podle provozovatele nebo výrobce protistrany",
     "Traffic in findings by the operator or vendor behind the counterpart"},
    {"chart.operators.note",
     "Bajty v nálezech (včetně přijatých) podle firmy, která server provozuje nebo jejíž službou je, se zemí, ze které "
     "je ovládána; jinak název autonomního systému sítě.",
     "Bytes in findings (accepted ones included), by the company that operates the server or whose service it is, "
     "with the country that controls it; otherwise the network's AS name."},
    {"chart.operators.highlight", "ovládán z rizikové jurisdikce", "controlled from a high-risk jurisdiction"},
    {"chart.assets.caption", "Aktiva podle odeslaných dat", "Top assets by bytes sent"},
    {"chart.assets.title", "Místní zařízení podle bajtů odeslaných rizikovým protistranám",
     "Local assets by bytes sent to high-risk counterparts"},
    {"chart.assets.note",
     "Bajty, které každé místní zařízení odeslalo v nálezech (serverům umístěným v rizikové jurisdikci nebo z ní "
     "provozovaným, tamním resolverům a odpovědi na relace otevřené odtud), barevně podle závažnosti nálezu.",
     "Bytes each local host sent in findings (to servers located in, or operated from, a high-risk jurisdiction, to "
     "resolvers there, and answers to sessions opened from there), coloured by the finding's severity."},
    {"chart.timeline.caption", "Nálezy v čase", "Findings over time"},
    {"chart.timeline.title", "Nálezy od prvního do posledního výskytu", "Findings from first to last seen"},
    {"chart.timeline.note",
     "Každý pruh vede od prvního do posledního paketu nálezu v záznamech (UTC); bledé pruhy jsou přijaty výjimkou.",
     "Each bar runs from the first to the last packet of a finding in the captures (UTC); faded bars are accepted by "
     "an exception."},
    {"chart.timeline.cut", " Zobrazeno {0} nejzávažnějších z {1} nálezů.", " The {0} most severe of {1} findings are drawn."},
    {"severity.critical", "kritická", "critical"},
    {"severity.high", "vysoká", "high"},
    {"severity.medium", "střední", "medium"},
    {"severity.low", "nízká", "low"},
    {"severity.info", "informativní", "info"},
    {"register.empty", "Žádné riziko: žádné aktivum nemá zjištění, na která se vztahuje některá hrozba.",
     "No risk: no asset has evidence that any threat applies to."},
};

std::string format_args(std::string_view text, const std::vector<std::string>& args) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const std::string& a : args) store.push_back(a);
    try {
        return fmt::vformat(text, store);
    } catch (const fmt::format_error&) {
        return std::string(text);  // too few arguments: the template as is, never a crash
    }
}

}  // namespace

std::string risk_msg(std::string_view key, RiskLang lang) {
    for (const Message& m : kMessages)
        if (m.key == key) return std::string(lang == RiskLang::cs ? m.cs : m.en);
    return fmt::format("??{}??", key);
}

std::string render_reason(const RiskReason& r, RiskLang lang) {
    const std::string text = format_args(risk_msg("reason." + r.code, lang), r.args);
    if (r.code == "base") return fmt::format("{} {}: {}", r.running, scale_level_name(r.running).in(lang), text);
    return fmt::format("{:+} → {}: {}", r.delta, r.running, text);
}

std::string render_measure_status(MeasureStatus s, RiskLang lang) {
    return risk_msg(fmt::format("measure.{}", measure_status_code(s)), lang);
}

std::string render_risk_status(RiskStatus s, RiskLang lang) {
    return risk_msg(fmt::format("status.{}", risk_status_code(s)), lang);
}

std::string render_trigger(std::string_view trigger, RiskLang lang) { return risk_msg(fmt::format("trigger.{}", trigger), lang); }

std::string render_scale(int level, RiskLang lang) { return fmt::format("{} {}", level, scale_level_name(level).in(lang)); }

std::string or_to_be_decided(const std::string& value, RiskLang lang) {
    return value.empty() ? risk_msg("to_be_decided", lang) : value;
}

std::string risk_msg_with(std::string_view key, RiskLang lang, const std::vector<std::string>& args) {
    return format_args(risk_msg(key, lang), args);
}

}  // namespace sovscan
