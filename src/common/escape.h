#pragma once
// Names in captures are attacker-controlled. Every output goes through one of these.
#include <optional>
#include <string>
#include <string_view>

namespace sovscan {

// Printable form of raw bytes from the wire: printable ASCII kept, every other byte (control
// characters, DEL, bytes >= 0x80, backslash itself) written as \xNN. The result is plain ASCII,
// safe for JSON, terminals and logs, and reversible.
std::string printable(std::string_view raw);
// printable() for a message that may hold parts printable() wrote already: the backslash is kept
// (it begins their \xNN), every other byte outside printable ASCII is still written as \xNN.
std::string printable_again(std::string_view escaped);
// The bytes printable() or readable_text() was given, from what it wrote: each \xNN back to its
// byte, everything else as it stands. nullopt when a backslash begins no \xNN (text neither
// function wrote): readers of sovscan's own reports refuse it rather than guess.
std::optional<std::string> unprintable(std::string_view escaped);

// Like printable(), but keeps well-formed UTF-8 text other than control characters: for what
// operators write (a CMDB's "Jiří Novák", "Čerpací stanice") and devices call themselves, where
// \xNN for every letter with a diacritic would make the text unreadable. C0 and C1 control
// characters, DEL, the backslash, the bidirectional overrides and isolates (U+202A-U+202E,
// U+2066-U+2069: "Trojan Source" reordering), overlong or surrogate encodings and any byte that is
// not part of a well-formed sequence are written as \xNN, so no terminal escape survives.
std::string readable_text(std::string_view raw);

// readable_text() for text that went through it, or through printable(), already (a finding's
// summary): the same, but for the backslash, which begins the \xNN those wrote and must not
// become \x5cxNN. It changes nothing in such text; a control character, bidi override or
// malformed byte that reached it some other way is still written as \xNN.
std::string readable_again(std::string_view escaped);

// For a terminal: like printable(), so no escape sequence can reach the screen.
inline std::string terminal_safe(std::string_view raw) { return printable(raw); }

// One CSV cell (RFC 4180): quoted when needed, and a leading = + - @ TAB CR neutralised with a
// leading apostrophe so spreadsheets never evaluate it as a formula (OWASP CSV injection).
std::string csv_cell(std::string_view text);
// The same for a CSV whose fields are separated by `separator` (';' for Czech Excel): quoted when it
// holds the separator, a quote or a line break.
std::string csv_cell_separated(std::string_view text, char separator);

// HTML text or attribute content.
std::string html_escape(std::string_view text);

}  // namespace sovscan
