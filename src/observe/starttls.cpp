// STARTTLS (observe/starttls.h): the greeting that makes a flow a candidate, the client's upgrade
// command, the server's answer. SMTP: RFC 3207; IMAP: RFC 3501 6.2.1 and RFC 2595; POP3: RFC 2595
// 4; FTP: RFC 4217 (AUTH TLS; AUTH SSL, TLS-C and TLS-P from the drafts before it are still sent).
#include "observe/starttls.h"

#include <algorithm>
#include <string_view>

#include "observe/http_text.h"

namespace sovscan::observe {

namespace {

// Calls on_line(line) for each complete line of `text` (LF-terminated; CR and trailing blanks
// removed), in order; stops early when on_line returns false. The bytes after the last LF are not
// a line yet and are not looked at.
template <typename OnLine>
void for_each_line(std::string_view text, OnLine on_line) {
    size_t start = 0;
    for (size_t eol; (eol = text.find('\n', start)) != std::string_view::npos; start = eol + 1) {
        std::string_view line = text.substr(start, eol - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        if (!on_line(line)) return;
    }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A reply line's 3-digit code (SMTP, FTP) followed by a space, a '-' or the end of the line; else 0.
int reply_code(std::string_view line) {
    if (line.size() < 3 || !is_digit(line[0]) || !is_digit(line[1]) || !is_digit(line[2])) return 0;
    if (line.size() > 3 && line[3] != ' ' && line[3] != '-') return 0;
    return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

// `s` is `word`, or `word` followed by a space (and anything), case-insensitive.
bool is_word_then_space(std::string_view s, std::string_view word) {
    return istarts_with(s, word) && (s.size() == word.size() || s[word.size()] == ' ');
}

// An IMAP tag: printable ASCII other than space and the characters RFC 3501 excludes from tags
// ('*' starts untagged lines, '+' continuations).
bool is_tag(std::string_view tag) {
    if (tag.empty()) return false;
    return std::all_of(tag.begin(), tag.end(), [](char c) {
        return c > ' ' && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"' &&
               c != '\\' && c != ']' && c != '+';
    });
}

}  // namespace

std::optional<StartTls> StartTls::from_greeting(Bytes server_first) {
    std::string_view text = as_text(server_first);
    if (const size_t eol = text.find('\n'); eol != std::string_view::npos) text = text.substr(0, eol);
    while (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (reply_code(text) == 220) return StartTls(Protocol::smtp_or_ftp);
    if (is_word_then_space(text, "* OK")) return StartTls(Protocol::imap);
    if (is_word_then_space(text, "+OK")) return StartTls(Protocol::pop3);
    return std::nullopt;
}

void StartTls::on_client(Bytes payload) {
    if (state_ != State::clear_text) return;
    // The command must be the last line the client sends before the server's answer: a line after
    // it means the flow goes on in clear text.
    bool asked = false;
    for_each_line(as_text(payload), [&](std::string_view line) {
        asked = is_command(line);
        return true;
    });
    if (asked) state_ = State::asked;
}

bool StartTls::is_command(std::string_view line) {
    switch (protocol_) {
        case Protocol::smtp_or_ftp:
            if (iequals(line, "STARTTLS")) {
                command_ = Command::smtp_starttls;
                return true;
            }
            if (istarts_with(line, "AUTH ")) {
                const std::string_view mech = line.substr(5);
                if (iequals(mech, "TLS") || iequals(mech, "SSL") || iequals(mech, "TLS-C") || iequals(mech, "TLS-P")) {
                    command_ = Command::ftp_auth;
                    return true;
                }
            }
            return false;
        case Protocol::imap: {
            const size_t space = line.find(' ');
            if (space == std::string_view::npos || space > kMaxTag || !iequals(line.substr(space + 1), "STARTTLS"))
                return false;
            const std::string_view tag = line.substr(0, space);
            if (!is_tag(tag)) return false;
            std::copy(tag.begin(), tag.end(), tag_.begin());
            tag_len_ = uint8_t(tag.size());
            command_ = Command::imap_starttls;
            return true;
        }
        case Protocol::pop3:
            if (!iequals(line, "STLS")) return false;
            command_ = Command::pop3_stls;
            return true;
    }
    return false;
}

void StartTls::on_server(Bytes payload) {
    if (state_ != State::asked) return;
    for_each_line(as_text(payload), [&](std::string_view line) {
        on_answer(line);
        return state_ == State::asked;
    });
}

void StartTls::on_answer(std::string_view line) {
    switch (command_) {
        case Command::smtp_starttls:
        case Command::ftp_auth: {
            const int code = reply_code(line);
            // FTP: 234 (RFC 4217); 334 from servers following RFC 2228's ADAT exchange.
            if (code == 220 && command_ == Command::smtp_starttls) state_ = State::accepted;
            if ((code == 234 || code == 334) && command_ == Command::ftp_auth) state_ = State::accepted;
            if (code >= 400 && code < 600) state_ = State::refused;
            return;  // other codes answer earlier pipelined commands (SMTP 250)
        }
        case Command::imap_starttls: {
            const std::string_view tag(tag_.data(), tag_len_);
            if (line.size() <= tag.size() || line.substr(0, tag.size()) != tag || line[tag.size()] != ' ') return;
            const std::string_view status = line.substr(tag.size() + 1);
            if (is_word_then_space(status, "OK")) state_ = State::accepted;
            if (is_word_then_space(status, "NO") || is_word_then_space(status, "BAD")) state_ = State::refused;
            return;
        }
        case Command::pop3_stls:
            if (is_word_then_space(line, "+OK")) state_ = State::accepted;
            if (is_word_then_space(line, "-ERR")) state_ = State::refused;
            return;
        case Command::none:
            return;
    }
}

}  // namespace sovscan::observe
