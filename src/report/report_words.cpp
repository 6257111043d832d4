#include "report/report_words.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>

#include "common/escape.h"

namespace sovscan {

namespace {

struct Message {
    std::string_view key, cs, en;
};

// Czech first, as in risk/messages.cpp. Plural forms are separated by '|' (Czech: 1 | 2–4 | 5 and
// more; English: 1 | other) and picked by plural_form().
constexpr Message kMessages[] = {
    // Counted nouns.
    {"count.assets", "aktivum|aktiva|aktiv", "asset|assets"},
    {"count.suppliers", "dodavatel|dodavatelé|dodavatelů", "supplier|suppliers"},
    {"count.risks", "riziko|rizika|rizik", "risk|risks"},
    {"count.accepted", "přijaté|přijatá|přijatých", "accepted|accepted"},
    {"count.findings", "nález|nálezy|nálezů", "finding|findings"},
    {"count.flows", "tok|toky|toků", "flow|flows"},
    {"count.servers", "server|servery|serverů", "server|servers"},
    {"count.measures_in_plan", "opatření v plánu", "measure in the plan|measures in the plan"},
    {"count.bytes", "bajt|bajty|bajtů", "byte|bytes"},
    {"part_of", "{0} {1} {2}", "{0} of {2}"},
    // Asset categories: the rows of data/risk_asset_values.csv and the catalog's categories.
    {"category.default", "ostatní (neurčená)", "other (unspecified)"},
    {"category.other", "ostatní", "other"},
    {"category.ip_camera", "IP kamera", "IP camera"},
    {"category.pv_inverter", "fotovoltaický střídač", "PV inverter"},
    {"category.smart_meter", "chytrý elektroměr", "smart meter"},
    {"category.medical", "zdravotnický prostředek", "medical device"},
    {"category.smartphone", "mobilní telefon", "smartphone"},
    {"category.ev", "elektromobil a nabíjení", "electric vehicle and charging"},
    {"category.ev_charger", "nabíjecí stanice", "EV charger"},
    {"category.llm_ai", "model umělé inteligence", "AI model"},
    {"category.network_equipment", "síťové zařízení", "network equipment"},
    {"category.ics", "průmyslový řídicí systém", "industrial control system"},
    {"category.server", "server", "server"},
    {"category.workstation", "pracovní stanice", "workstation"},
    {"category.cloud", "cloudová služba", "cloud service"},
    {"category.consumer_iot", "spotřební zařízení IoT", "consumer IoT device"},
    {"category.iot_module", "modul IoT", "IoT module"},
    {"category.drone", "dron", "drone"},
    {"category.telephony", "telefonie", "telephony"},
    {"category.power", "napájení (UPS, PDU)", "power (UPS, PDU)"},
    {"category.consumer_electronics", "spotřební elektronika", "consumer electronics"},
    {"category.home_appliance", "domácí spotřebič", "home appliance"},
    {"category.smart_home", "chytrá domácnost", "smart home"},
    {"category.robotics", "robot", "robotics"},
    {"category.access_control", "kontrola vstupu", "access control"},
    {"category.battery", "bateriové úložiště", "battery storage"},
    {"category.semiconductor", "polovodičová součástka", "semiconductor"},
    {"category.router", "směrovač", "router"},
    {"category.pc", "počítač", "PC"},
    {"category.printer", "tiskárna", "printer"},
    {"category.industrial_automation", "průmyslová automatizace", "industrial automation"},
    {"category.cdn", "síť pro doručování obsahu (CDN)", "content delivery network"},
    {"category.telecom", "telekomunikační služba", "telecom service"},
    {"category.security_software", "bezpečnostní software", "security software"},
    // How a vendor was attributed (VendorAttribution::basis).
    {"basis.mac_oui", "prefix MAC (OUI)", "MAC prefix (OUI)"},
    {"basis.manufacturer", "výrobce v inventáři", "manufacturer in the inventory"},
    {"basis.model_name", "název modelu", "model name"},
    {"basis.banner", "úvodní text služby (banner)", "service banner"},
    {"basis.hostname", "název hostitele", "host name"},
    {"basis.vendor_cloud", "spojení s cloudem výrobce", "vendor cloud contacted"},
    {"basis.sbom_supplier", "dodavatel v SBOM", "SBOM supplier"},
    {"basis.purl_namespace", "jmenný prostor balíčku", "package namespace"},
    {"basis.cpe_vendor", "výrobce v CPE", "CPE vendor"},
    {"basis.model_origin", "původ modelu AI", "AI model origin"},
    // The exposure charts (exposure_charts.h) of both documents.
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
    {"chart.jurisdiction_high.caption", "Expozice vůči rizikovým jurisdikcím", "Exposure to high-risk jurisdictions"},
    {"chart.jurisdiction_high.title", "Provoz se servery v rizikových jurisdikcích ve vlastním měřítku",
     "Traffic to servers in high-risk jurisdictions on its own scale"},
    {"chart.jurisdiction_high.note",
     "Jen rizikové jurisdikce, s přesnými hodnotami: vedle velkého provozu do ostatních zemí by jejich pruhy "
     "v grafu výše nebyly vidět.",
     "High-risk jurisdictions only, with exact values: beside the large traffic to other countries their bars would "
     "not show in the chart above."},
    {"chart.jurisdiction_high.highlight", "riziková jurisdikce", "high-risk jurisdiction"},
    {"chart.seconds", "s", "s"},
    {"chart.minutes", "min", "min"},
    {"chart.timeline_from", "od {0} UTC", "from {0} UTC"},
    {"chart.exact_bytes", "přesně {0}", "exactly {0}"},
    {"chart.timeline.cut", " Zobrazeno {0} nejzávažnějších z {1} nálezů.", " The {0} most severe of {1} findings are drawn."},
    {"severity.critical", "kritická", "critical"},
    {"severity.high", "vysoká", "high"},
    {"severity.medium", "střední", "medium"},
    {"severity.low", "nízká", "low"},
    {"severity.info", "informativní", "info"},
    // The scan report (html_report.cpp).
    {"scan.title", "Zpráva o skenování provozu (sovscan)", "sovscan scan report"},
    {"scan.generated", "Vytvořeno {0} programem sovscan {1}", "Generated {0} by sovscan {1}"},
    {"scan.traffic_span", "provoz od {0} do {1}", "traffic from {0} to {1}"},
    {"scan.partial", "Neúplné výsledky:", "Partial results:"},
    {"scan.partial_text",
     "ne každý vstup byl přečten celý; započteno je vše, co přečteno bylo (viz Vstupy a Problémy):",
     "not every input was read whole; what was read is counted (see Inputs and Problems):"},
    {"scan.folded", "Omezení paměti:", "Memory bound:"},
    {"scan.folded_text",
     "{0} protějšků bez nálezu ({1} toků) bylo sloučeno do {2} součtů podle aktiva, země a sítě "
     "(--max-counterparts {3}); všechny nálezy i součty zůstávají přesné",
     "{0} counterpart(s) without a finding ({1} flow(s)) were folded into {2} per-asset, per-country, per-network "
     "total(s) (--max-counterparts {3}); every finding and every total stays exact"},
    {"scan.devices_not_kept",
     "Nad tuto mez nebylo uchováno {0} zařízení (adres MAC) bez nálezu ({1} rámců).",
     "Beyond it, {0} device(s) (MAC addresses) without a finding were not kept ({1} frame(s))."},
    {"scan.error", "Chyba:", "Error:"},
    {"scan.summary", "Souhrn", "Summary"},
    {"scan.card.accepted", "přijato (výjimky)", "accepted (exceptions)"},
    {"scan.card.devices", "zjištěná zařízení", "devices seen"},
    {"scan.count.open_findings", "otevřený nález|otevřené nálezy|otevřených nálezů", "open finding(s)|open finding(s)"},
    {"scan.fail_never", "žádný nezpůsobí selhání běhu", "none fail the run"},
    {"scan.fail_at", "nálezů na prahu politiky nebo nad ním: {0}; práh:", "{0} at or above the policy's threshold"},
    {"scan.accepted_line", "přijato výjimkami politiky: {0} (uvedeny níže, označené).",
     "{0} accepted by policy exceptions (kept below, marked)."},
    {"scan.fact.high_risk", "Rizikové jurisdikce", "High-risk jurisdictions"},
    {"scan.fact.home_networks", "Domácí sítě", "Home networks"},
    {"scan.fact.home_default", "jen RFC 1918, ULA a link-local", "RFC 1918, ULA and link-local only"},
    {"scan.fact.policy", "Soubor politiky", "Policy file"},
    {"scan.fact.policy_none", "žádný (výchozí nastavení)", "none (defaults)"},
    {"scan.fact.judged_on", "Výjimky posouzeny ke dni", "Exceptions judged on"},
    {"scan.fact.traffic", "Provoz", "Traffic"},
    {"scan.fact.traffic_value",
     "paketů: {0} (IP: {1}), bajtů na lince: {2}, toků: {3} (odchozích {4}, příchozích {5}, vnitřních {6}, "
     "bez místní strany {7})",
     "{0} packets ({1} IP), {2} bytes on the wire, {3} flows ({4} outbound, {5} inbound, {6} internal, {7} neither "
     "side local)"},
    {"scan.fact.command", "Příkaz", "Command"},
    {"scan.fact.scan_time", "Doba skenování", "Scan time"},
    {"scan.charts", "Expozice v přehledu", "Exposure at a glance"},
    {"scan.inputs", "Vstupy", "Inputs"},
    {"scan.merged", "Sloučené zprávy senzorů", "Merged sensor reports"},
    {"scan.merged.caption",
     "Tato zpráva slučuje zprávy těchto senzorů (sovscan merge): provoz se sčítá, každé zjištění uvádí senzory, "
     "které je viděly.",
     "This report merges the reports of these sensors (sovscan merge): traffic is summed, each finding names the "
     "sensors that saw it."},
    {"scan.col.sensor", "Senzor", "Sensor"},
    {"scan.col.report", "Zpráva", "Report"},
    {"scan.col.generated", "Vytvořena", "Generated"},
    {"scan.col.policy", "Politika", "Policy"},
    {"scan.seen_by", "Viděly senzory", "Seen by"},
    {"scan.count.inputs", "vstup|vstupy|vstupů", "input|inputs"},
    {"scan.col.file", "Soubor", "File"},
    {"scan.col.size", "Velikost", "Size"},
    {"scan.col.packets", "Pakety", "Packets"},
    {"scan.col.first_packet", "První paket", "First packet"},
    {"scan.col.last_packet", "Poslední paket", "Last packet"},
    {"scan.col.state", "Stav", "State"},
    {"scan.input.partial", "neúplný (zkrácený nebo poškozený)", "partial (truncated or corrupt)"},
    {"scan.input.complete", "úplný", "complete"},
    {"scan.intel", "Podkladová data (intel)", "Intel data"},
    {"scan.intel.caption",
     "Každý fakt v dokladech uvádí datovou sadu, ze které pochází; toto jsou verze, které tento běh použil.",
     "Every fact in the evidence names the data set it came from; these are the versions this run used."},
    {"scan.col.data_set", "Datová sada", "Data set"},
    {"scan.col.version", "Verze", "Version"},
    {"scan.col.licence", "Licence", "Licence"},
    {"scan.col.attribution", "Uvedení autorství", "Attribution"},
    {"scan.intel.none", "Žádná data nenačtena.", "No intel loaded."},
    {"scan.exceptions", "Výjimky politiky", "Policy exceptions"},
    {"scan.col.exception", "Výjimka", "Exception"},
    {"scan.col.exception_owner", "Vlastník výjimky", "Owner"},
    {"scan.col.justification", "Odůvodnění", "Justification"},
    {"scan.col.expires", "Platnost do", "Expires"},
    {"scan.col.findings_accepted", "Přijaté nálezy", "Findings accepted"},
    {"scan.col.defined_at", "Zapsáno v", "Defined at"},
    {"scan.exception.expired", "vypršela", "expired"},
    {"scan.exception.valid", "platná", "valid"},
    {"scan.through_proxy", "přes proxy {0}", "through proxy {0}"},
    {"scan.server_ports", "port(y) serveru {0}", "server port(s) {0}"},
    {"scan.services", "; služby {0}", "; services {0}"},
    {"scan.designated_word", "na seznamu", "designated"},
    {"scan.designated", "{0} je na seznamu {1} ({2}) od {3}", "{0} is on the {1} ({2}) since {3}"},
    {"scan.designated_parent", " (prostřednictvím mateřské společnosti {0})", " (as its parent {0})"},
    {"scan.accepted_word", "přijato", "accepted"},
    {"scan.accepted_by", "výjimkou {0} ({1}, platnost do {2}; {3}): {4}", "by exception {0} ({1}, valid until {2}; {3}): {4}"},
    {"scan.accepted_title", "výjimka {0} ({1}, do {2}): {3}", "exception {0} ({1}, until {2}): {3}"},
    {"scan.sample_at", "v {0}, záznam", "at {0} in"},
    {"scan.count.facts", "doklad|doklady|dokladů", "facts|facts"},
    {"scan.findings", "Nálezy", "Findings"},
    {"scan.findings.caption",
     "Klepnutím na záhlaví sloupce se tabulka seřadí; do pole lze psát slova, zůstanou jen řádky obsahující všechna. "
     "Přijaté nálezy (pokrývá je platná výjimka politiky) jsou šedé a označené pod závažností. Bajty jsou z pohledu "
     "místního aktiva.",
     "Click a column header to sort; type in the box to keep only rows containing every word. Accepted findings (a "
     "valid policy exception covers them) are greyed and marked under their severity. Bytes are from the local "
     "asset's point of view."},
    {"scan.findings.legend",
     "Země: jeden kód je země, kde se server nachází (geolokace); dva kódy, např. „DE / SG“, znamenají „umístěn v / "
     "adresa registrována v“ (země regionálního registru adres), pokud se liší. Provozovatel / výrobce: země "
     "v závorce je ta, ze které je firma ovládána.",
     "Country: one code is where the server is located (geolocation); two, as in \"DE / SG\", read \"located in / "
     "address registered in\" (the country of the regional address registry) when they differ. Operator / vendor: "
     "the country in brackets is the one the company is controlled from."},
    {"scan.col.severity", "Závažnost", "Severity"},
    {"scan.col.severity.title", "kritická > vysoká > střední > nízká > informativní", "critical > high > medium > low > info"},
    {"scan.col.rule", "Pravidlo", "Rule"},
    {"scan.col.asset", "Aktivum", "Asset"},
    {"scan.col.asset.title", "místní hostitel nebo zařízení", "the local host or device"},
    {"scan.col.counterpart", "Protistrana", "Counterpart"},
    {"scan.col.counterpart.title", "vzdálená adresa", "the remote address"},
    {"scan.col.names", "Názvy", "Names"},
    {"scan.col.names.title", "názvy serveru zjištěné pro protistranu a odkud jsou známy",
     "server names seen for the counterpart, and how they were learnt"},
    {"scan.col.country", "Země", "Country"},
    {"scan.col.country.title", "umístění (geolokace) / země registru adres", "located in (geolocation) / registry country"},
    {"scan.col.operator", "Provozovatel / výrobce", "Operator / vendor"},
    {"scan.col.operator.title", "kdo server provozuje a země, ze které je ovládán",
     "who runs the server, and the country that controls it"},
    {"scan.col.sent", "Odesláno", "Sent"},
    {"scan.col.sent.title", "bajty odeslané místním aktivem", "bytes the local asset sent"},
    {"scan.col.received", "Přijato", "Received"},
    {"scan.col.received.title", "bajty přijaté místním aktivem", "bytes the local asset received"},
    {"scan.col.flows", "Toky", "Flows"},
    {"scan.col.first_seen", "Poprvé", "First seen"},
    {"scan.col.last_seen", "Naposledy", "Last seen"},
    {"scan.col.evidence", "Doklady", "Evidence"},
    {"scan.findings.none",
     "Žádné nálezy: žádný provoz s rizikovými jurisdikcemi nebo provozovateli, žádná zařízení rizikových výrobců.",
     "No findings: no traffic to or from high-risk jurisdictions or operators, no high-risk vendor devices."},
    {"scan.devices", "Zařízení", "Devices"},
    // The "changed since the previous run" section and `sovscan diff -o x.html` (run_changes_report.cpp).
    {"changes.title", "Změny od předchozího běhu", "Changed since the previous run"},
    {"changes.diff_title", "Změny mezi běhy", "Changes between runs"},
    {"changes.caption", "Porovnání běhu {0} s během {1} senzoru {2} (pořízen {3}).",
     "Run {0} compared with run {1} of sensor {2} (made {3})."},
    {"changes.counts", "Expozice: {0} nových, {1} závažnějších, {2} méně závažných, {3} s provozem vyšším než {4}× a {5} zmizelých.",
     "Exposures: {0} new, {1} more severe, {2} less severe, {3} with traffic grown past {4}×, {5} gone."},
    {"changes.asset_counts", "Aktiva: {0} nových, {1} se změněným verdiktem, {2} s provozem vyšším než {3}× a {4} zmizelých.",
     "Assets: {0} new, {1} with a changed verdict, {2} with traffic grown past {3}×, {4} gone."},
    {"changes.first_run", "První běh tohoto senzoru v úložišti: není s čím porovnat.",
     "The first run of this sensor in the store: nothing to compare with."},
    {"changes.none", "Beze změny.", "No change."},
    {"changes.assets", "Aktiva", "Assets"},
    {"changes.col.change", "Změna", "Change"},
    {"changes.col.severity", "Závažnost", "Severity"},
    {"changes.col.before", "Předtím", "Before"},
    {"changes.col.rule", "Pravidlo", "Rule"},
    {"changes.col.asset", "Aktivum", "Asset"},
    {"changes.col.counterpart", "Protistrana", "Counterpart"},
    {"changes.col.country", "Země", "Country"},
    {"changes.col.vendor", "Dodavatel", "Vendor"},
    {"changes.col.traffic", "Provoz", "Traffic"},
    {"changes.col.traffic_before", "Provoz předtím", "Traffic before"},
    {"changes.col.summary", "Popis", "Summary"},
    {"changes.col.verdict", "Verdikt", "Verdict"},
    {"changes.col.id", "Id", "Id"},
    {"changes.kind.new", "nové", "new"},
    {"changes.kind.severity_up", "závažnější", "severity up"},
    {"changes.kind.severity_down", "méně závažné", "severity down"},
    {"changes.kind.traffic_grown", "provoz vzrostl", "traffic grown"},
    {"changes.kind.verdict_changed", "jiný verdikt", "verdict changed"},
    {"changes.kind.gone", "zmizelo", "gone"},
    {"scan.devices.caption",
     "Každá zjištěná místní MAC adresa s držitelem jejího prefixu v registru IEEE a výrobcem z katalogu, ke kterému patří.",
     "Every local MAC address seen, with the IEEE registrant of its prefix and the catalogued vendor it maps to."},
    {"scan.col.mac", "MAC", "MAC"},
    {"scan.col.addresses", "Adresy", "Addresses"},
    {"scan.col.registrant", "Držitel prefixu (IEEE)", "Registrant (IEEE)"},
    {"scan.col.registrant_country", "Země držitele", "Registrant country"},
    {"scan.col.vendor", "Výrobce", "Vendor"},
    {"scan.col.prc_linked", "Vazba na ČLR", "PRC-linked"},
    {"scan.col.prc_linked.title", "katalog: yes = ano, partial = částečně, no = ne", "catalogue: yes, partial, no"},
    {"scan.col.frames", "Rámce", "Frames"},
    {"scan.locally_administered", "lokálně spravovaná (náhodná nebo přidělená)", "locally administered (random or assigned)"},
    {"scan.devices.none", "Žádná zařízení (záznamy neobsahují adresy linkové vrstvy).",
     "No devices seen (no link-layer addresses in the captures)."},
    {"scan.appendix", "Problémy a počítadla", "Problems and counters"},
    {"scan.no_problems", "Žádné problémy vstupů.", "No input problems."},
    {"scan.problem.error", "chyba", "error"},
    {"scan.problem.warning", "varování", "warning"},
    {"scan.col.counter", "Počítadlo", "Counter"},
    {"scan.col.count", "Počet", "Count"},
    {"scan.counters.decode", "Počítadla dekodéru (poškozené a nepodporované vstupy podle druhu)",
     "Decoder counters (malformed and unsupported input, by kind)"},
    {"scan.counters.flow", "Počítadla tabulky toků", "Flow table counters"},
    {"scan.counters.observe", "Počítadla dissektorů", "Dissector counters"},
    {"scan.counters.inputs", "Počítadla vstupů (exporty toků, logy)", "Input counters (flow exports, logs)"},
    {"scan.footer", "schéma {0} · samostatná stránka: nic nenačítá a spouští jen svůj vlastní skript.",
     "schema {0} · self-contained: this page loads nothing and runs only its own script."},
    {"scan.table.filter_placeholder", "Filtrovat řádky (musí obsahovat všechna slova)", "Filter rows (all words must appear)"},
    {"scan.table.filter_label", "Filtrovat tabulku", "Filter the table"},
    {"scan.table.rows_total", "řádků: {total}", "{total} rows"},
    {"scan.table.rows_shown", "zobrazeno {shown} z {total} řádků", "{shown} of {total} rows shown"},
    // Rule titles (assess/rules.cpp has the English ones; these are the same in both languages).
    {"rule.SOV-001", "Data odeslaná na server umístěný v rizikové jurisdikci",
     "Data sent to a server located in a high-risk jurisdiction"},
    {"rule.SOV-002", "Data odeslaná na server provozovaný firmou ovládanou z rizikové jurisdikce",
     "Data sent to a server operated by a company controlled from a high-risk jurisdiction"},
    {"rule.SOV-003", "Relace k místnímu hostiteli otevřená z rizikové jurisdikce (vzdálený přístup)",
     "Session to a local host initiated from a high-risk jurisdiction (remote access)"},
    {"rule.SOV-004", "DNS resolver v rizikové jurisdikci nebo provozovaný firmou odtud ovládanou",
     "DNS resolver in a high-risk jurisdiction or run by a company controlled from one"},
    {"rule.SOV-005", "Místní zařízení se síťovým rozhraním rizikového výrobce",
     "Local device with a network interface from a high-risk vendor"},
    {"rule.SOV-006", "Výjimka politiky po datu platnosti: už nic nepotlačuje",
     "Policy exception past its expiry date: it no longer suppresses anything"},
    {"rule.SOV-007", "Aktivum rizikového výrobce (výrobce, banner, cloud výrobce nebo údaje inventáře)",
     "Asset made by a high-risk vendor (manufacturer, banner, vendor cloud or inventory evidence)"},
    {"rule.SOV-008", "Systém obsahuje softwarové komponenty rizikového výrobce (SBOM)",
     "System contains software components from a high-risk vendor (SBOM)"},
    {"rule.SOV-009", "Model AI rizikového původu používaný bez lokálních vah (klient API výrobce)",
     "AI model of high-risk origin used without local weights (client of a vendor API)"},
    {"rule.SOV-010", "Model AI rizikového původu spouštěný z lokálních vah", "AI model of high-risk origin run from local weights"},
    // `sovscan assets` in the terminal (asset_report.cpp).
    {"assets.intro", "aktiv: {0} z {1} záznamů", "{0} asset(s) from {1} record(s)"},
    {"assets.intro_inventory", ", vstupů inventáře: {0}", ", {0} inventory input(s)"},
    {"assets.intro_captures", ", záznamů provozu: {0}, paketů: {1}", ", {0} capture(s), {1} packets"},
    {"assets.none", "Žádná aktiva: vstupy žádná neuvádějí.", "No assets: the inputs name none."},
    {"assets.col.verdict", "VERDIKT", "VERDICT"},
    {"assets.col.asset", "AKTIVUM", "ASSET"},
    {"assets.col.category", "KATEGORIE", "CATEGORY"},
    {"assets.col.address", "ADRESA", "ADDRESS"},
    {"assets.col.vendor", "VÝROBCE", "VENDOR"},
    {"assets.col.evidence", "DOLOŽENO Z", "EVIDENCE"},
    {"assets.col.cia", "C/I/A", "C/I/A"},
    {"assets.col.sources", "ZDROJE", "SOURCES"},
    {"assets.verdict.high_risk", "rizikové", "high_risk"},
    {"assets.verdict.review", "posoudit", "review"},
    {"assets.verdict.clear", "v pořádku", "clear"},
    {"assets.more", "... a dalších {0} aktiv ve výstupu JSON/CSV", "... and {0} more asset(s) in the JSON/CSV output"},
    {"assets.findings", "nálezy k aktivům: {0} (nepotlačené: {1}); nálezy celkem: {2} (JSON: -o assets.json)",
     "{0} asset finding(s) ({1} not suppressed); {2} finding(s) in all (JSON: -o assets.json)"},
    // A finding's summary in Czech (English: Finding::summary as assess wrote it).
    {"summary.located", "server umístěn v {0}", "located in {0}"},
    {"summary.operated", "provozovatel {0} ({1})", "operated by {0} ({1})"},
    {"summary.vendor", "{0} ({1})", "{0} ({1})"},
    {"summary.registered", "adresa registrována v {0}", "registered in {0}"},
    {"summary.unknown", "neznámo", "unknown"},
    {"summary.proxy", " přes proxy {0}", " through proxy {0}"},
    {"summary.proxies", " přes proxy {0} (a další: {1})", " through proxy {0} (and {1} more)"},
    {"summary.SOV-001", "{0}: odesláno {1} na {2}{3} ({4})", "{0} sent {1} to {2}{3} ({4})"},
    {"summary.SOV-002", "{0}: odesláno {1} na {2}{3} ({4}; server umístěn v {5})",
     "{0} sent {1} to {2}{3} ({4}, hosted in {5})"},
    {"summary.SOV-003", "relace otevřené z {0} ({1}) na {2}{3}; {4}", "{0} ({1}) opened sessions to {2}{3}; {4}"},
    {"summary.service", " (služba {0})", " on {0}"},
    {"summary.SOV-004", "{0} se dotazuje DNS resolveru {1} ({2}); {3}", "{0} asks DNS resolver {1} ({2}); {3}"},
    {"summary.SOV-005", "{0}: zařízení nebo síťové rozhraní výrobce {1} ({2}){3}", "{0} is a {1} device/interface ({2}){3}"},
    {"summary.review", ": výrobce se silnými vazbami na ČLR, k posouzení", ": vendor with strong PRC ties, review"},
    {"summary.SOV-006", "výjimka {0} (vlastník výjimky: {1}) vypršela {2}", "policy exception {0} (owner: {1}) expired on {2}"},
    {"summary.SOV-007", "{0}: výrobce {1} ({2})", "{0} is made by {1} ({2})"},
    {"summary.SOV-008", "{0} obsahuje software výrobce {1} ({2})", "{0} contains software from {1} ({2})"},
    {"summary.SOV-009", "{0}: model AI výrobce {1} ({2}), bez lokálních vah (používán přes službu)",
     "{0} is an AI model of {1} ({2}), no local weights (API client)"},
    {"summary.SOV-010", "{0}: model AI výrobce {1} ({2}), lokální váhy", "{0} is an AI model of {1} ({2}), local weights"},
};

const Message* find(std::string_view key) {
    for (const Message& m : kMessages)
        if (m.key == key) return &m;
    return nullptr;
}

bool involved(const Finding& f, const std::string& country) {
    return !country.empty() && std::find(f.jurisdictions.begin(), f.jurisdictions.end(), country) != f.jurisdictions.end();
}

// Why the counterpart counts, as the assessor chose it: located, operated, named vendor, registry.
std::string counterpart_where(const Finding& f, RiskLang lang) {
    const Counterpart& c = f.counterpart;
    if (involved(f, c.located_in)) return report_msg_with("summary.located", lang, {c.located_in});
    if (!c.operator_name.empty() && involved(f, c.operator_controlled_by))
        return report_msg_with("summary.operated", lang, {c.operator_name, c.operator_controlled_by});
    if (!c.vendor_name.empty() && involved(f, c.vendor_controlled_by))
        return report_msg_with("summary.vendor", lang, {c.vendor_name, c.vendor_controlled_by});
    return report_msg_with("summary.registered", lang, {c.registry_country});
}

std::string counterpart_text(const Counterpart& c) {
    if (c.names.empty()) return c.ip.to_string();
    if (!c.has_ip()) return printable(c.names[0].name);
    return fmt::format("{} [{}]", c.ip.to_string(), printable(c.names[0].name));
}

std::string proxy_text(const Counterpart& c, RiskLang lang) {
    if (c.proxies.empty()) return "";
    if (c.proxies.size() == 1) return report_msg_with("summary.proxy", lang, {c.proxies[0].to_string()});
    return report_msg_with("summary.proxies", lang, {c.proxies[0].to_string(), std::to_string(c.proxies.size() - 1)});
}

std::string local_text(const Finding& f) {
    if (f.asset.has_ip) return f.asset.ip.to_string();
    return f.asset.macs.empty() ? std::string() : f.asset.macs[0].to_string();
}

std::string czech_summary(const Finding& f) {
    constexpr RiskLang cs = RiskLang::cs;
    const std::string code(rule_info(f.rule).code);
    const std::string key = "summary." + code;
    const Counterpart& c = f.counterpart;
    const std::string vendor = readable_text(f.asset.mac_vendor_name.empty() ? f.asset.mac_organisation : f.asset.mac_vendor_name);
    const std::string asset_name = readable_text(f.asset.name.empty() ? local_text(f) : f.asset.name);
    switch (f.rule) {
        case RuleId::egress_located_high_risk:
            return report_msg_with(key, cs, {local_text(f), bytes_text(static_cast<double>(f.bytes_sent), cs), counterpart_text(c),
                                             proxy_text(c, cs), counterpart_where(f, cs)});
        case RuleId::egress_operator_high_risk:
            return report_msg_with(key, cs, {local_text(f), bytes_text(static_cast<double>(f.bytes_sent), cs), counterpart_text(c),
                                             proxy_text(c, cs), counterpart_where(f, cs),
                                             c.located_in.empty() ? report_msg("summary.unknown", cs) : c.located_in});
        case RuleId::inbound_from_high_risk:
            return report_msg_with(key, cs, {counterpart_text(c), counterpart_where(f, cs), local_text(f),
                                             f.services.empty() ? "" : report_msg_with("summary.service", cs, {f.services[0]}),
                                             counted(f.flows, "count.flows", cs)});
        case RuleId::resolver_high_risk: {
            std::string who = counterpart_where(f, cs);
            if (!c.resolver_operator.empty()) who = c.resolver_operator + ", " + who;
            return report_msg_with(key, cs, {local_text(f), counterpart_text(c), who, counted(f.flows, "count.flows", cs)});
        }
        case RuleId::device_high_risk_vendor: {
            std::string who = f.asset.macs.empty() ? "" : f.asset.macs[0].to_string();
            if (f.asset.has_ip) who += fmt::format(" ({})", f.asset.ip.to_string());
            // The assessor marks a vendor with strong PRC ties but controlled elsewhere with low confidence.
            return report_msg_with(key, cs, {who, vendor, f.asset.mac_vendor_controlled_by,
                                             f.confidence == "low" ? report_msg("summary.review", cs) : ""});
        }
        case RuleId::policy_exception_expired:
            if (!f.about_exception) break;
            return report_msg_with(key, cs, {readable_text(f.about_exception->id), readable_text(f.about_exception->owner),
                                             f.about_exception->expires.to_string()});
        case RuleId::asset_high_risk_vendor:
        case RuleId::software_high_risk_vendor:
        case RuleId::model_high_risk_api:
        case RuleId::model_high_risk_local:
            return report_msg_with(key, cs, {asset_name, vendor, f.asset.mac_vendor_controlled_by});
        case RuleId::count_: break;
    }
    return f.summary;
}

}  // namespace

bool has_report_msg(std::string_view key) { return find(key) != nullptr; }

std::string report_msg(std::string_view key, RiskLang lang) {
    if (const Message* m = find(key)) return std::string(lang == RiskLang::cs ? m->cs : m->en);
    return fmt::format("??{}??", key);
}

std::string report_msg_with(std::string_view key, RiskLang lang, const std::vector<std::string>& args) {
    const std::string text = report_msg(key, lang);
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const std::string& a : args) store.push_back(a);
    try {
        return fmt::vformat(text, store);
    } catch (const fmt::format_error&) {
        return text;  // too few arguments: the template as is, never a crash
    }
}

std::string counted_word(uint64_t n, std::string_view forms_key, RiskLang lang) {
    return std::string(plural_form(n, report_msg(forms_key, lang), number_style(lang)));
}

std::string counted(uint64_t n, std::string_view forms_key, RiskLang lang) {
    return grouped_integer(n, number_style(lang)) + " " + counted_word(n, forms_key, lang);
}

std::string part_of(uint64_t part, uint64_t whole, RiskLang lang) {
    return report_msg_with("part_of", lang,
                           {grouped_integer(part, number_style(lang)), std::string(czech_z_before(whole)),
                            grouped_integer(whole, number_style(lang))});
}

std::string bytes_text(double bytes, RiskLang lang) { return decimal_bytes(bytes, number_style(lang)); }

std::string category_name(std::string_view category, RiskLang lang) {
    const std::string key = "category." + std::string(category);
    return has_report_msg(key) ? report_msg(key, lang) : std::string(category);
}

std::string basis_name(std::string_view basis, RiskLang lang) {
    const std::string key = "basis." + std::string(basis);
    return has_report_msg(key) ? report_msg(key, lang) : std::string(basis);
}

std::vector<std::string> basis_names(const std::vector<std::string>& bases, RiskLang lang) {
    std::vector<std::string> words;
    for (const std::string& b : bases) words.push_back(basis_name(b, lang));
    return words;
}

std::string rule_title(const RuleInfo& rule, RiskLang lang) {
    const std::string key = "rule." + std::string(rule.code);
    return lang == RiskLang::en || !has_report_msg(key) ? std::string(rule.title) : report_msg(key, lang);
}

std::string finding_summary_text(const Finding& f, RiskLang lang) {
    return lang == RiskLang::cs ? czech_summary(f) : f.summary;
}

}  // namespace sovscan
