#pragma once
// STARTTLS: clear-text protocols that upgrade their connection to TLS in band. The server greets
// first, the client asks to upgrade (SMTP `STARTTLS`, IMAP `<tag> STARTTLS`, POP3 `STLS`, FTP
// `AUTH TLS` / `AUTH SSL`), the server agrees, and only then does the client send its ClientHello,
// a few packets into the flow. `StartTls` follows the clear-text part of one flow and says when the
// client's next bytes should be TLS; the TLS dissector (tls_client_hello.cpp) keeps one per flow
// that began with such a greeting and reads the ClientHello as it does at the start of a flow.
//
// Lines are judged one payload at a time, only when complete (ending in LF): nothing is buffered
// across packets. The commands are a few bytes and arrive whole in practice.
#include <array>
#include <cstdint>
#include <optional>

#include "observe/byte_reader.h"

namespace sovscan::observe {

class StartTls {
public:
    enum class Protocol : uint8_t { smtp_or_ftp, imap, pop3 };
    enum class State : uint8_t {
        clear_text,  // no upgrade asked for yet
        asked,       // the client asked to upgrade; its next bytes should be a TLS record
        accepted,    // ... and the server said yes
        refused,     // the server said no: the flow stays in clear text
    };

    // `server_first` is the server's first payload, sent before the client's: a greeting of a
    // protocol that can upgrade? "220" (SMTP, FTP), "* OK" (IMAP), "+OK" (POP3), case-insensitive.
    static std::optional<StartTls> from_greeting(Bytes server_first);

    // A client payload while in clear text: asks to upgrade when one of its lines is the command
    // of the greeting's protocol (the whole line, case-insensitive, trailing blanks allowed).
    void on_client(Bytes payload);
    // A server payload once the client asked: the answer to the upgrade command, when it is there.
    // Lines answering earlier pipelined commands (SMTP 250, IMAP untagged or other tags) are passed.
    void on_server(Bytes payload);

    State state() const { return state_; }
    Protocol protocol() const { return protocol_; }
    bool upgrading() const { return state_ == State::asked || state_ == State::accepted; }

private:
    enum class Command : uint8_t { none, smtp_starttls, ftp_auth, imap_starttls, pop3_stls };
    static constexpr size_t kMaxTag = 32;  // IMAP tags are a few characters; longer ones are not followed

    explicit StartTls(Protocol p) : protocol_(p) {}
    bool is_command(std::string_view line);
    void on_answer(std::string_view line);

    Protocol protocol_;
    State state_ = State::clear_text;
    Command command_ = Command::none;
    uint8_t tag_len_ = 0;
    std::array<char, kMaxTag> tag_{};  // the IMAP command's tag: its answer carries it
};

}  // namespace sovscan::observe
