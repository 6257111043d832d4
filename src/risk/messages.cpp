#include "risk/messages.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "report/report_words.h"
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
     "dostupnosti (A) aktiva, které hrozba postihuje. Postup a všechna čísla: příloha „Metodika hodnocení rizik“ na konci dokumentu.",
     "Risk = impact × threat × vulnerability (1–64). Impact = the highest of the asset's confidentiality (C), "
     "integrity (I) and availability (A) values that the threat harms. Method and every number: the appendix "
     "\"Risk-assessment method\" at the end of the document."},
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
    {"col.exception_owner", "Vlastník výjimky", "Exception owner"},
    // Narrower headers for the printed register, where the full word does not fit its column.
    {"col.threat_level.print", "Úr. hrozby", "Threat lvl"},
    {"col.vulnerability.print", "Zranit.", "Vuln."},
    {"col.likelihood.print", "Pravděp.", "Likelih."},
    {"col.applicable.print", "Aplik.", "Applic."},
    {"col.decree.print", "Vyhl.", "Decree"},
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
     "Přijaté riziko: výjimka {0} (vlastník výjimky {1}, platnost do {2}): {3}. Zbytkové riziko: {4} ({5}).",
     "Accepted risk: exception {0} (owner {1}, valid through {2}): {3}. Residual risk: {4} ({5})."},
    {"risk.expired", "POZOR: výjimka {0} (vlastník výjimky {1}) vypršela {2}; nálezy již nepokrývá (SOV-006).",
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
    // {0} is "2 ze 2" / "2 of 2" (part_of in report_words.h), made from the reason's two counts.
    {"reason.no_exception", "nálezy bez platné výjimky: {0} (chybí zdokumentované rozhodnutí)",
     "no valid exception covers {0} findings (no documented decision)"},
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
    {"html.summary_line",
     "Rizika celkem: {0}; otevřená na úrovni Vysoké nebo Kritické: {1}; přijatá výjimkou se zbytkovým rizikem: {2}; "
     "vypršelé výjimky: {3}.",
     "Risks in total: {0}; open at High or Critical: {1}; accepted by an exception with residual risk: {2}; expired "
     "exceptions: {3}."},
    {"html.volume", "Práh objemu odeslaných dat", "Threshold of data sent"},
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
    // The decree's frame (issue 15: risk/frame_text.cpp): header, legal basis, evidence warnings,
    // primary assets and the method appendix.
    {"frame.header", "Údaje o dokumentu", "Document"},
    {"frame.organisation", "Organizace", "Organisation"},
    {"frame.scope", "Rozsah", "Scope"},
    {"frame.author", "Zpracoval", "Author"},
    {"frame.approver", "Schválil", "Approved by"},
    {"frame.version", "Verze", "Version"},
    {"frame.date", "Datum dokumentu", "Document date"},
    {"frame.classification", "Klasifikace", "Classification"},
    {"frame.period", "Období, které pokrývají záznamy provozu", "Period the captures cover"},
    {"frame.period_value", "{0} až {1} (UTC), {2} h", "{0} to {1} (UTC), {2} h"},
    {"frame.period_none", "bez záznamů provozu: registr vychází jen z inventářů",
     "no captures: the register rests on inventories only"},
    {"frame.inputs", "Vstupní soubory", "Input files"},
    {"frame.knowledge", "Verze zpravodajských dat a katalogu", "Versions of intel and catalog"},
    {"frame.legal", "Právní rámec", "Legal basis"},
    {"frame.warnings", "Upozornění k důkazům", "About the evidence"},
    {"frame.warn_none",
     "POZOR: žádné záznamy provozu. Rizika vycházejí jen z inventářů; přenosy dat ani vzdálený přístup nejsou "
     "posouzeny (doporučeno alespoň {0} h provozu).",
     "WARNING: no captures. The risks rest on inventories only; data transfers and remote access are not assessed "
     "(at least {0} h of traffic recommended)."},
    {"frame.warn_short",
     "POZOR: záznamy provozu pokrývají jen {0} h, méně než {1} h. Zařízení, která se za tu dobu neozvala, a občasné "
     "přenosy (aktualizace, zálohy) mohou v registru chybět.",
     "WARNING: the captures cover only {0} h, less than {1} h. Devices that stayed silent in that time and occasional "
     "transfers (updates, backups) may be missing from the register."},
    {"frame.warn_old",
     "POZOR: poslední paket je {0} dní starý, starší než {1} dní před datem hodnocení; stav sítě se mohl změnit.",
     "WARNING: the last packet is {0} days old, older than {1} days before the assessment date; the network may have "
     "changed."},
    {"legal.act", "Zákon č. 264/2025 Sb., o kybernetické bezpečnosti (účinný od 1. 11. 2025)",
     "Act No. 264/2025 Coll. on cybersecurity (in force from 1 November 2025)"},
    {"legal.decree",
     "Vyhláška č. 409/2025 Sb. o bezpečnostních opatřeních (režim vyšších povinností): § 7 řízení aktiv, § 8 řízení "
     "rizik (zpráva o hodnocení rizik, prohlášení o aplikovatelnosti, plán zvládání rizik) a § 9 řízení dodavatelů",
     "Decree No. 409/2025 Coll. on security measures (higher-obligation regime): § 7 asset management, § 8 risk "
     "management (risk-assessment report, statement of applicability, risk-treatment plan) and § 9 supplier management"},
    {"legal.threat", "{0} (vydáno {1}; zdroj: {2})", "{0} (issued {1}; source: {2})"},
    {"primary.title", "Primární aktiva (služby a procesy)", "Primary assets (services and processes)"},
    {"primary.rule",
     "Podpůrné aktivum má důvěrnost, integritu a dostupnost alespoň takovou, jakou má nejcennější primární aktivum, "
     "kterému slouží (§ 7 písm. g) vyhlášky: podpůrná aktiva se hodnotí podle vazeb na primární aktiva).",
     "A supporting asset's confidentiality, integrity and availability are at least those of the most valuable "
     "primary asset it serves (§ 7 g of the decree: supporting assets are valued through their links to primary "
     "assets)."},
    {"primary.none",
     "Politika neuvádí žádná primární aktiva (primary_assets) a inventář nemá sloupec primary_asset: hodnoty "
     "podpůrných aktiv vycházejí jen z inventáře a z výchozích hodnot kategorií.",
     "The policy names no primary assets (primary_assets) and the inventory has no primary_asset column: the "
     "supporting assets' values come from the inventory and the category defaults only."},
    {"primary.not_valued", "neohodnoceno", "not valued"},
    {"primary.basis_policy", "politika (primary_assets)", "policy (primary_assets)"},
    {"primary.basis_both", "politika (primary_assets) a sloupec inventáře primary_asset",
     "policy (primary_assets) and the inventory's primary_asset column"},
    {"primary.basis_inventory", "jen sloupec inventáře primary_asset (hodnoty chybí v politice)",
     "only the inventory's primary_asset column (no values in the policy)"},
    {"col.supporting", "Podpůrná aktiva", "Supporting assets"},
    {"col.primary", "Primární aktiva", "Primary assets"},
    {"col.decree", "Vyhláška 409/2025", "Decree 409/2025"},
    {"basis.inherited", "zvýšeno podle primárního aktiva: {0}", "raised to the primary asset's value: {0}"},
    {"plan.deadline_measure", "{0} (lhůta opatření z politiky)", "{0} (the measure's time limit from the policy)"},
    {"appendix.title", "Příloha: metodika hodnocení rizik", "Appendix: risk-assessment method"},
    {"appendix.formula", "Vzorec", "Formula"},
    {"appendix.formula_text",
     "Riziko = dopad × hrozba × zranitelnost; každý činitel má úroveň 1 až 4, skóre rizika je tedy 1 až 64.",
     "Risk = impact × threat × vulnerability; each factor has a level from 1 to 4, so the risk score is 1 to 64."},
    {"appendix.impact_text",
     "Dopad = nejvyšší z hodnot důvěrnosti (C), integrity (I) a dostupnosti (A) aktiva, které hrozba postihuje "
     "(aspekty každé hrozby jsou v tabulce hrozeb).",
     "Impact = the highest of the asset's confidentiality (C), integrity (I) and availability (A) values that the "
     "threat harms (each threat's aspects are in the threats table)."},
    {"appendix.scales", "Stupnice", "Scales"},
    {"appendix.scales_text",
     "Čtyřúrovňové stupnice podle přílohy vyhlášky (hodnocení aktiv, hrozeb a zranitelností).",
     "Four-level scales after the decree's annex (assets, threats and vulnerabilities)."},
    {"appendix.col.asset", "Aktivum (C, I, A)", "Asset (C, I, A)"},
    {"appendix.col.threat", "Hrozba", "Threat"},
    {"appendix.col.vulnerability", "Zranitelnost", "Vulnerability"},
    {"appendix.col.aspects", "Postihuje", "Harms"},
    {"appendix.col.level_source", "Úroveň stanovena", "Level set by"},
    {"appendix.col.days", "Dní od data hodnocení", "Days from the assessment date"},
    {"scale.asset.1", "narušení nepoškodí oprávněné zájmy; výpadek kolem týdne je přípustný",
     "a breach harms no legitimate interest; an outage of about a week is tolerated"},
    {"scale.asset.2", "narušení může poškodit oprávněné zájmy s omezeným dopadem; výpadek nejvýše pracovní den",
     "a breach may harm legitimate interests with limited impact; an outage of at most a working day"},
    {"scale.asset.3",
     "ochranu vyžaduje zákon nebo smlouva; narušení má podstatný dopad; výpadek nejvýše několik hodin",
     "protection required by law or contract; a breach has a substantial impact; an outage of at most a few hours"},
    {"scale.asset.4", "velmi vážná újma; výpadek není přípustný", "very serious harm; no outage is tolerated"},
    {"scale.threat.1", "neexistuje nebo je nepravděpodobná; méně než jednou za 5 let",
     "does not exist or is unlikely; less than once in 5 years"},
    {"scale.threat.2", "nepravděpodobná až pravděpodobná; jednou za 1 až 5 let", "unlikely to likely; once in 1 to 5 years"},
    {"scale.threat.3", "pravděpodobná až velmi pravděpodobná; jednou za měsíc až rok",
     "likely to very likely; once in a month to a year"},
    {"scale.threat.4", "velmi pravděpodobná až téměř jistá; častěji než jednou za měsíc",
     "very likely to near certain; more than once a month"},
    {"scale.vulnerability.1", "neexistuje nebo je zneužití nepravděpodobné; opatření odhalí pokusy včas",
     "does not exist or exploitation is unlikely; measures detect attempts in time"},
    {"scale.vulnerability.2", "zneužití nepravděpodobné až pravděpodobné; opatření pravidelně ověřována",
     "exploitation unlikely to likely; measures checked regularly"},
    {"scale.vulnerability.3", "zneužití pravděpodobné až velmi pravděpodobné; opatření nepokrývají všechny aspekty",
     "exploitation likely to very likely; measures do not cover every aspect"},
    {"scale.vulnerability.4", "zneužití velmi pravděpodobné až téměř jisté; opatření chybí nebo jsou neúčinná",
     "exploitation very likely to near certain; measures missing or ineffective"},
    {"appendix.cutoffs_text",
     "Vyhláška hranice mezi úrovněmi rizika nestanoví; tento registr použil tyto (nastavitelné v politice, risk: "
     "cutoffs).",
     "The decree fixes no cut-offs between risk levels; this register used these (set in the policy, risk: cutoffs)."},
    {"appendix.threats", "Hrozby a jejich úrovně", "Threats and their levels"},
    {"appendix.threats_text", "Úroveň hrozby je z katalogu (data/threats.csv), pokud ji politika nezměnila.",
     "A threat's level is the catalog's (data/threats.csv) unless the policy changed it."},
    {"appendix.level_catalog", "katalog", "catalog"},
    {"appendix.level_policy", "politika (risk: threat_levels)", "policy (risk: threat_levels)"},
    {"appendix.vulnerability", "Odvození zranitelnosti", "How the vulnerability is derived"},
    {"appendix.vuln.base", "Výchozí úroveň je 1.", "It starts at 1."},
    {"appendix.vuln.outbound",
     "+1 za přímé spojení se servery v jurisdikcích hrozby nebo ovládanými z nich (včetně cloudu výrobce a DNS "
     "resolverů).",
     "+1 for a direct connection to servers located in or controlled from the threat's jurisdictions (the vendor's "
     "cloud and DNS resolvers included)."},
    {"appendix.vuln.volume", "+1, když aktivum odeslalo alespoň {0} ({1} bajtů).",
     "+1 when the asset sent at least {0} ({1} bytes)."},
    {"appendix.vuln.inbound", "+1 za relaci otevřenou z jurisdikcí hrozby (vzdálený přístup).",
     "+1 for a session opened from the threat's jurisdictions (remote access)."},
    {"appendix.vuln.admin_port", "+1 navíc, když vedla na port správy nebo průmyslového protokolu.",
     "+1 more when it reached a management or ICS port."},
    {"appendix.vuln.no_exception",
     "+1, když nálezy nepokrývá platná výjimka (chybí zdokumentované rozhodnutí); riziko z inventáře bez výjimky "
     "pro aktivum také +1.",
     "+1 when no valid exception covers the findings (no documented decision); an inventory risk with no exception "
     "for the asset also +1."},
    {"appendix.vuln.cap", "Součet je omezen na 4.", "The sum is capped at 4."},
    {"appendix.vuln.device_only",
     "Zařízení nebo software výrobce bez pozorovaného provozu samo nic nepřidává.",
     "A vendor's device or software with no traffic seen adds nothing by itself."},
    {"appendix.vuln.local_model",
     "Aktivum, jehož jedinou vazbou jsou lokální váhy modelu bez spojení s výrobcem, má zranitelnost 1 (varování "
     "NÚKIB k DeepSeek lokální modely vylučuje).",
     "An asset whose only link is local model weights with no contact with the vendor has vulnerability 1 (NÚKIB's "
     "DeepSeek warning excludes local models)."},
    {"appendix.values", "Hodnoty aktiv", "Asset values"},
    {"appendix.values_text",
     "Hodnota C, I a A je z inventáře (CMDB), kde ji uvádí; jinak výchozí hodnota kategorie aktiva z politiky (risk: "
     "asset_values) nebo z katalogu (data/risk_asset_values.csv).",
     "C, I and A come from the inventory (CMDB) where it gives them; else the asset category's default from the "
     "policy (risk: asset_values) or the catalog (data/risk_asset_values.csv)."},
    {"appendix.deadlines", "Lhůty opatření", "Time limits of measures"},
    {"appendix.deadlines_text",
     "Termín opatření v plánu: datum z politiky (risk: measures: ID: deadline), jinak lhůta opatření (deadline_days), "
     "jinak lhůta podle nejvyšší úrovně rizika, které opatření snižuje (risk: deadline_days):",
     "A planned measure's deadline: the policy's date (risk: measures: ID: deadline), else the measure's time limit "
     "(deadline_days), else the limit for the highest level of the risks it reduces (risk: deadline_days):"},
    {"appendix.evidence", "Postačitelnost důkazů", "Sufficiency of the evidence"},
    {"appendix.evidence_text",
     "Registr upozorní, když záznamy provozu pokrývají méně než {0} h nebo když je poslední paket starší než {1} dní "
     "před datem hodnocení (nastavitelné v politice, risk: evidence).",
     "The register warns when the captures cover less than {0} h or when the last packet is more than {1} days older "
     "than the assessment date (set in the policy, risk: evidence)."},
    // Column headers of the CSV for Czech Excel (register_csv.cpp, --format csv-cs).
    {"csv.risk_id", "ID rizika", "Risk ID"},
    {"csv.asset_id", "ID aktiva", "Asset ID"},
    {"csv.asset_name", "Aktivum", "Asset"},
    {"csv.threat_id", "ID hrozby", "Threat ID"},
    {"csv.threat", "Hrozba", "Threat"},
    {"csv.impact", "Dopad", "Impact"},
    {"csv.impact_aspects", "Aspekty dopadu", "Impact aspects"},
    {"csv.threat_level", "Úroveň hrozby", "Threat level"},
    {"csv.vulnerability", "Zranitelnost", "Vulnerability"},
    {"csv.score", "Skóre rizika", "Risk score"},
    {"csv.level", "Úroveň rizika", "Risk level"},
    {"csv.level_name", "Název úrovně", "Level name"},
    {"csv.level_meaning", "Význam úrovně", "Level meaning"},
    {"csv.status", "Stav", "Status"},
    {"csv.accepted_by", "Přijato výjimkou", "Accepted by"},
    {"csv.exception_owner", "Schválil výjimku", "Exception approved by"},
    {"csv.exception_expires", "Výjimka platí do", "Exception expires"},
    {"csv.justification", "Odůvodnění výjimky", "Justification"},
    {"csv.expired_exceptions", "Vypršelé výjimky", "Expired exceptions"},
    {"csv.measures", "Opatření", "Measures"},
    {"csv.vendors", "Výrobci", "Vendors"},
    {"csv.findings", "Nálezy", "Findings"},
    {"csv.vulnerability_derivation", "Odvození zranitelnosti", "Derivation of the vulnerability"},
    {"csv.inherent_vulnerability", "Zranitelnost před rozhodnutími", "Inherent vulnerability"},
    {"csv.inherent_score", "Skóre před rozhodnutími", "Inherent score"},
    {"csv.inherent_level", "Úroveň před rozhodnutími", "Inherent level"},
    {"csv.residual_vulnerability", "Zbytková zranitelnost", "Residual vulnerability"},
    {"csv.residual_score", "Zbytkové skóre", "Residual score"},
    {"csv.residual_level", "Zbytková úroveň", "Residual level"},
    {"csv.change", "Změna od minulého hodnocení", "Change since the last assessment"},
    {"csv.previous_score", "Předchozí skóre", "Previous score"},
    {"csv.previous_level", "Předchozí úroveň", "Previous level"},
    // XLSX workbook sheets (register_xlsx.cpp); at most 31 characters each.
    {"xlsx.sheet.document", "Dokument", "Document"},
    {"xlsx.sheet.register", "Registr rizik", "Risk register"},
    {"xlsx.sheet.soa", "Prohlášení o aplikovatelnosti", "Statement of applicability"},
    {"xlsx.sheet.plan", "Plán zvládání rizik", "Treatment plan"},
    {"xlsx.sheet.suppliers", "Dodavatelé", "Suppliers"},
    {"xlsx.sheet.assets", "Aktiva", "Assets"},
    {"xlsx.sheet.primary", "Primární aktiva", "Primary assets"},
    {"xlsx.sheet.method", "Metodika", "Method"},
    {"col.aspects", "Postihuje", "Harms"},
    {"col.asset_id", "ID aktiva", "Asset ID"},
    {"col.threat_id", "ID hrozby", "Threat ID"},
    {"col.measure_id", "ID opatření", "Measure ID"},
    {"col.supplier_id", "ID dodavatele", "Supplier ID"},
    {"col.primary_name", "Primární aktivum", "Primary asset"},
    {"col.level_code", "Kód úrovně", "Level code"},
    {"col.accepted_by", "Přijato výjimkou", "Accepted by"},
    {"col.vendors", "Výrobci", "Vendors"},
    {"col.name", "Název", "Name"},
    {"col.description", "Popis", "Description"},
    {"col.goal", "Cíle a přínosy", "Goals and benefits"},
    {"col.resources", "Zdroje", "Resources"},
    {"col.implementation", "Způsob realizace", "Implementation method"},
    {"col.item", "Položka", "Item"},
    {"col.value", "Hodnota", "Value"},
    {"col.expired_exceptions", "Vypršelé výjimky", "Expired exceptions"},
    {"col.first_packet", "První paket (UTC)", "First packet (UTC)"},
    {"col.last_packet", "Poslední paket (UTC)", "Last packet (UTC)"},
    {"register.empty", "Žádné riziko: žádné aktivum nemá zjištění, na která se vztahuje některá hrozba.",
     "No risk: no asset has evidence that any threat applies to."},
    // Inherent and residual risk (issue 15): the derivation's decision and residual lines, and the
    // two values every writer shows.
    {"reason.undecided", "zatím bez zdokumentovaného rozhodnutí (výjimky nebo aplikovaného opatření)",
     "no documented decision yet (exception or applied measure)"},
    {"reason.inherent", "inherentní zranitelnost (před výjimkami a opatřeními)",
     "inherent vulnerability (before exceptions and measures)"},
    {"reason.inherent_capped",
     "inherentní zranitelnost (před výjimkami a opatřeními); zbytková se odvozuje od součtu {0}",
     "inherent vulnerability (before exceptions and measures); the residual one counts down from the sum {0}"},
    {"reason.residual", "zbytková zranitelnost (po přijatých nálezech a aplikovaných opatřeních)",
     "residual vulnerability (after accepted findings and applied measures)"},
    {"reason.accepted_outbound", "přímé spojení ukazují jen nálezy přijaté výjimkou {0}",
     "only findings accepted by the exception {0} show the direct connection"},
    {"reason.accepted_volume", "objem nad prahem tvoří jen nálezy přijaté výjimkou {0}",
     "only findings accepted by the exception {0} make the volume reach the threshold"},
    {"reason.accepted_inbound", "relaci z rizikové jurisdikce ukazují jen nálezy přijaté výjimkou {0}",
     "only findings accepted by the exception {0} show the session from the threat's jurisdictions"},
    {"reason.accepted_admin_port", "port správy ukazují jen nálezy přijaté výjimkou {0}",
     "only findings accepted by the exception {0} show the management port"},
    {"reason.decided", "všechny nálezy přijímá platná výjimka {0}: rozhodnutí je zdokumentováno",
     "the valid exception {0} accepts every finding: the decision is documented"},
    {"reason.decided_asset", "riziko z inventáře přijímá pro toto aktivum platná výjimka {0}: rozhodnutí je zdokumentováno",
     "the valid exception {0} accepts this asset's inventory risk: the decision is documented"},
    {"reason.undecided_findings", "nálezy bez platné výjimky: {0}; zvýšení za chybějící rozhodnutí trvá",
     "findings without a valid exception: {0}; the increase for the missing decision stays"},
    {"reason.undecided_asset", "riziko plyne z inventáře a žádná platná výjimka aktivum nepřijímá; zvýšení trvá",
     "the risk comes from the inventory and no valid exception accepts the asset; the increase stays"},
    {"reason.measure_outbound", "přímé spojení uzavírá aplikované opatření {0}",
     "the applied measure {0} closes the direct connection"},
    {"reason.measure_volume", "odesílání dat uzavírá aplikované opatření {0}", "the applied measure {0} stops the data sent"},
    {"reason.measure_inbound", "relace z rizikové jurisdikce uzavírá aplikované opatření {0}",
     "the applied measure {0} closes sessions from the threat's jurisdictions"},
    {"reason.measure_admin_port", "přístup na port správy uzavírá aplikované opatření {0}",
     "the applied measure {0} closes access to the management port"},
    {"reason.measure_decided", "na všechna zbylá zjištění odpovídá aplikované opatření {0}: rozhodnutí je zdokumentováno",
     "the applied measure {0} answers all remaining evidence: the decision is documented"},
    {"risk.inherent_residual", "Inherentní riziko: {0} ({1}); zbytkové riziko: {2} ({3}).",
     "Inherent risk: {0} ({1}); residual risk: {2} ({3})."},
    {"col.inherent", "Inherentní riziko", "Inherent risk"},
    {"col.inherent_vulnerability", "Inherentní zranitelnost", "Inherent vulnerability"},
    {"col.residual_score", "Zbytkové riziko", "Residual risk"},
    // Changes since the last assessment (`--previous`, risk/register_diff.h).
    {"changes.title", "Změny od posledního hodnocení", "Changes since the last assessment"},
    {"changes.previous", "Předchozí hodnocení: {0} (soubor {1}).", "Previous assessment: {0} (file {1})."},
    {"changes.unchanged", "Rizika beze změny úrovně a skóre: {0}.", "Risks with the same level and score: {0}."},
    {"changes.risks", "Rizika", "Risks"},
    {"changes.suppliers", "Dodavatelé", "Suppliers"},
    {"changes.no_risks", "Žádné riziko nepřibylo, nezaniklo ani se nezměnilo.", "No risk is new, closed or changed."},
    {"changes.no_suppliers", "Žádný dodavatel nepřibyl ani neubyl.", "No supplier was added or removed."},
    {"change.new", "nové", "new"},
    {"change.closed", "uzavřené", "closed"},
    {"change.raised", "zvýšené", "raised"},
    {"change.lowered", "snížené", "lowered"},
    {"change.added", "přibyl", "added"},
    {"change.removed", "ubyl", "removed"},
    {"col.change", "Změna", "Change"},
    {"col.before", "Předtím", "Before"},
    {"col.now", "Nyní", "Now"},
    {"col.supplier_key", "Klíč dodavatele", "Supplier key"},
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
    return report_msg(key, lang);  // the words the register shares with the scan's documents, or ??key??
}

namespace {

// A reason's arguments as the document's language writes them. The builder stores them language-
// neutral: counts as digits, byte amounts as "10.0 MB", attribution bases as tokens (mac_oui).
std::vector<std::string> localised_args(const RiskReason& r, RiskLang lang) {
    std::vector<std::string> args = r.args;
    auto count = [](const std::string& s) -> uint64_t {
        try {
            return std::stoull(s);
        } catch (const std::exception&) {
            return 0;
        }
    };
    if ((r.code == "no_exception" || r.code == "undecided_findings") && args.size() >= 2) {
        args = {part_of(count(args[0]), count(args[1]), lang)};
    } else if ((r.code == "volume" || r.code == "volume_low") && lang == RiskLang::cs) {
        for (std::string& a : args)  // "532 B", "10.0 MB": the decimal comma
            for (size_t i = 1; i + 1 < a.size(); ++i)
                if (a[i] == '.' && std::isdigit(static_cast<unsigned char>(a[i - 1])) &&
                    std::isdigit(static_cast<unsigned char>(a[i + 1])))
                    a[i] = ',';
    } else if (r.code == "device_only" && args.size() >= 2) {
        std::vector<std::string> words;  // "mac_oui, vendor_cloud" -> the bases in words
        for (size_t start = 0; start <= args[1].size();) {
            const size_t comma = std::min(args[1].find(", ", start), args[1].size());
            if (comma > start) words.push_back(basis_name(args[1].substr(start, comma - start), lang));
            start = comma + 2;
        }
        args[1] = fmt::format("{}", fmt::join(words, ", "));
    }
    return args;
}

}  // namespace

std::string render_reason(const RiskReason& r, RiskLang lang) {
    const std::string text = format_args(risk_msg("reason." + r.code, lang), localised_args(r, lang));
    if (r.code == "base") return fmt::format("{} {}: {}", r.running, scale_level_name(r.running).in(lang), text);
    // The inherent and residual values: where the derivation stands, not a step.
    if (r.code == "inherent" || r.code == "inherent_capped" || r.code == "residual")
        return fmt::format("= {}: {}", r.running, text);
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

std::string cited_sources(const std::string& sources, RiskLang lang) {
    if (lang != RiskLang::cs) return sources;
    std::vector<std::string> urls;
    for (size_t start = 0; start < sources.size();) {
        const size_t bar = std::min(sources.find(" | ", start), sources.size());
        const std::string item = sources.substr(start, bar - start);
        if (item.starts_with("http://") || item.starts_with("https://")) urls.push_back(item);
        start = bar + 3;
    }
    return urls.empty() ? sources : fmt::format("{}", fmt::join(urls, " | "));
}

std::string supplier_kind_text(const std::string& kind, RiskLang lang) {
    if (kind.empty()) return "";
    const std::string text = risk_msg("kind." + kind, lang);
    return text.starts_with("??") ? kind : text;
}

std::string or_to_be_decided(const std::string& value, RiskLang lang) {
    return value.empty() ? risk_msg("to_be_decided", lang) : value;
}

std::string risk_msg_with(std::string_view key, RiskLang lang, const std::vector<std::string>& args) {
    return format_args(risk_msg(key, lang), args);
}

}  // namespace sovscan
