// Handshake messages across TLS records (see tls_records.h).
#include "observe/tls_records.h"

#include "observe/dissector.h"

namespace sovscan::observe {

namespace {
constexpr size_t kMaxRecord = 16384 + 2048;  // RFC 8446 5.2: TLSCiphertext bound
constexpr uint8_t kFirstRecordType = 20, kLastRecordType = 23;  // change_cipher_spec .. application_data
}  // namespace

TlsHandshakeWalker::Fragment TlsHandshakeWalker::next_fragment() {
    uint8_t type;
    uint16_t version, len;
    if (!records_.u8(type) || !records_.u16(version) || !records_.u16(len)) {
        frag_whole_ = false;  // the stream ends inside a record header: nothing more to read
        return Fragment::none;
    }
    if ((version >> 8) != 3 || type < kFirstRecordType || type > kLastRecordType) return Fragment::bad;
    if (type != kTlsHandshakeRecord) return Fragment::other_type;
    if (len == 0 || len > kMaxRecord) return Fragment::bad;
    frag_whole_ = records_.take(len, frag_);
    if (!frag_whole_) frag_ = records_.rest();  // what there is of the last record so far
    return frag_whole_ ? Fragment::whole : Fragment::part;
}

TlsHandshakeWalker::Step TlsHandshakeWalker::next(Bytes& msg) {
    msg = {};
    if (frag_.empty()) {
        if (!frag_whole_) return Step::partial;  // the stream ended inside the record just read
        switch (next_fragment()) {
            case Fragment::whole:
            case Fragment::part: break;
            case Fragment::none: return Step::partial;
            case Fragment::other_type: return Step::end;
            case Fragment::bad: return Step::malformed;
        }
    }
    // The common case: the whole message inside the current record, read in place.
    if (const size_t need = handshake_message_length(frag_); need != 0 && frag_.size() >= need) {
        msg = frag_.first(need);
        frag_ = frag_.subspan(need);
        return Step::message;
    }
    // Spread over records: gathered in scratch_, record by record, until the length it states.
    scratch_.assign(frag_.begin(), frag_.end());
    frag_ = {};
    for (;;) {
        if (!frag_whole_) {
            msg = scratch_;
            return Step::partial;
        }
        const Fragment f = next_fragment();
        if (f == Fragment::none) {
            msg = scratch_;
            return Step::partial;
        }
        // Handshake messages are never interleaved with other records (RFC 8446 5.1).
        if (f == Fragment::other_type || f == Fragment::bad) return Step::malformed;
        const size_t before = scratch_.size();
        scratch_.insert(scratch_.end(), frag_.begin(), frag_.end());
        const size_t need = handshake_message_length(scratch_);
        if (need != 0 && scratch_.size() >= need) {
            // before < need: the message was not complete before this record, and need >= 4.
            frag_ = frag_.subspan(need - before);
            scratch_.resize(need);
            msg = scratch_;
            return Step::message;
        }
        frag_ = {};
    }
}

}  // namespace sovscan::observe
