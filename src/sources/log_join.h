#pragma once
// The join of a log's records on their flow: Zeek's conn.log holds the flows, ssl/http/quic/x509
// records say what they carried (a server name, a certificate, a User-Agent); EVE's flow/netflow
// events hold the flows, its tls/http/quic/alert events the same. Files come in any order and a
// flow's record is written when it ends, after those of what it carried; so the reader stores what
// the annotating records say first, keyed by the flow's id (Zeek `uid`, EVE `flow_id`) and by its
// `community_id` when the record has one, and joins it when the flows are read (log_reader.h).
//
// Memory: one entry per annotated flow (a few hundred bytes: its endpoints and names), at most
// `max_entries` of them, and at most as many certificate names. Past the bound a record is not
// stored: its flow is handed on at once and named as the other log records' flows are (by the DNS
// answers). Entries never claimed by a flow record become flows of their own at the end (their
// record's endpoints and time, no packet counts): a log without its conn.log still names servers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "flows/flow_record.h"

namespace sovscan {

// What an annotating record says about its flow. `flow` holds the record's endpoints, time and
// input as a flow of its own; its server_name/name_source, http_user_agent and http_server are the
// names. `certificate` is the Zeek file id or fingerprint of the server's leaf certificate, named
// by an x509 record (note_certificate).
struct FlowNote {
    FlowRecord flow;
    std::string certificate;
};

class FlowAnnotations {
public:
    static constexpr size_t kDefaultMaxEntries = size_t(1) << 20;
    explicit FlowAnnotations(size_t max_entries = kDefaultMaxEntries) : max_entries_(max_entries) {}

    // Adds `note` to the flow `id` (or `community_id`; either may be empty). A name replaces the
    // one held when its source is stronger (NameSource orders them), banners keep the first.
    // False when the bound is reached and nothing was stored for a new flow: the caller hands the
    // note's flow on itself.
    bool add(std::string_view id, std::string_view community_id, FlowNote note);
    // An x509 record: the certificate `ref` (file id or fingerprint) names `name`.
    void note_certificate(std::string_view ref, std::string name);

    // Gives `record` what is known of its flow; true when an entry was found (it is then claimed).
    bool attach(std::string_view id, std::string_view community_id, FlowRecord& record);

    // Calls emit(FlowRecord&) for every entry no flow record claimed, in the order they were first
    // noted, then forgets all entries.
    template <typename F>
    void drain_unclaimed(F&& emit) {
        for (Entry& e : entries_) {
            if (e.claimed) continue;
            resolve_certificate(e);
            emit(e.note.flow);
        }
        entries_.clear();
        by_id_.clear();
        by_community_.clear();
    }

    size_t size() const { return entries_.size(); }
    uint64_t unclaimed() const;
    uint64_t dropped() const { return dropped_; }  // notes not stored because of the bound

private:
    struct Entry {
        FlowNote note;
        bool claimed = false;
    };
    void resolve_certificate(Entry& e);
    Entry* find(std::string_view id, std::string_view community_id);

    size_t max_entries_;
    std::vector<Entry> entries_;
    std::unordered_map<std::string, uint32_t> by_id_, by_community_;
    std::unordered_map<std::string, std::string> certificates_;
    uint64_t dropped_ = 0;
};

// Takes `from`'s names where they are stronger (a name) or missing (banners).
void merge_names(FlowRecord& into, const FlowRecord& from);

}  // namespace sovscan
