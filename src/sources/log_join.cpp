#include "sources/log_join.h"

namespace sovscan {

void merge_names(FlowRecord& into, const FlowRecord& from) {
    if (!from.server_name.empty() && from.name_source > into.name_source) {
        into.server_name = from.server_name;
        into.name_source = from.name_source;
    }
    if (into.http_user_agent.empty()) into.http_user_agent = from.http_user_agent;
    if (into.http_server.empty()) into.http_server = from.http_server;
}

FlowAnnotations::Entry* FlowAnnotations::find(std::string_view id, std::string_view community_id) {
    if (!id.empty()) {
        auto it = by_id_.find(std::string(id));
        if (it != by_id_.end()) return &entries_[it->second];
    }
    if (!community_id.empty()) {
        auto it = by_community_.find(std::string(community_id));
        if (it != by_community_.end()) return &entries_[it->second];
    }
    return nullptr;
}

bool FlowAnnotations::add(std::string_view id, std::string_view community_id, FlowNote note) {
    if (Entry* e = find(id, community_id)) {
        merge_names(e->note.flow, note.flow);
        if (e->note.certificate.empty()) e->note.certificate = std::move(note.certificate);
        return true;
    }
    if (entries_.size() >= max_entries_ || (id.empty() && community_id.empty())) {
        ++dropped_;
        return false;
    }
    const auto index = uint32_t(entries_.size());
    entries_.push_back(Entry{std::move(note), false});
    if (!id.empty()) by_id_.emplace(std::string(id), index);
    if (!community_id.empty()) by_community_.emplace(std::string(community_id), index);
    return true;
}

void FlowAnnotations::note_certificate(std::string_view ref, std::string name) {
    if (ref.empty() || name.empty() || certificates_.size() >= max_entries_) return;
    certificates_.emplace(std::string(ref), std::move(name));
}

void FlowAnnotations::resolve_certificate(Entry& e) {
    FlowRecord& f = e.note.flow;
    if (e.note.certificate.empty() || f.name_source >= NameSource::tls_certificate) return;
    auto it = certificates_.find(e.note.certificate);
    if (it == certificates_.end()) return;
    f.server_name = it->second;
    f.name_source = NameSource::tls_certificate;
}

bool FlowAnnotations::attach(std::string_view id, std::string_view community_id, FlowRecord& record) {
    Entry* e = find(id, community_id);
    if (!e) return false;
    resolve_certificate(*e);
    merge_names(record, e->note.flow);
    e->claimed = true;
    return true;
}

uint64_t FlowAnnotations::unclaimed() const {
    uint64_t n = 0;
    for (const Entry& e : entries_) n += !e.claimed;
    return n;
}

}  // namespace sovscan
