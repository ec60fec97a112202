#include "modules/cases/intake.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "modules/cases/api.hpp"
#include "modules/cases/attachment_stream.hpp"
#include "modules/cases/store.hpp"

namespace danchu::cases {

namespace {

constexpr std::string_view kSealPurpose = "cases.seal";
constexpr char kSep = '\x1f';  // unit separator between the sealed identity's fields

Result<identity::Key> key_for(CasesServices& s, storage::Transaction& tx, OrgId org,
                              KeyCache& keys) {
    if (auto it = keys.find(org.value); it != keys.end()) return it->second;
    auto key = identity::organisation_key(s.identity, tx, org, std::string(kSealPurpose));
    if (!key) return key.error();
    keys.emplace(org.value, *key);
    return *key;
}

}  // namespace

std::string identity_context(OrgId org, CaseId id) {
    return "org:" + std::to_string(org.value) + ":case:" + std::to_string(id.value) +
           ":cases.identity";
}

std::string attachment_context(OrgId org, CaseId id) {
    return "org:" + std::to_string(org.value) + ":case:" + std::to_string(id.value) +
           ":cases.attachment";
}

std::string attachment_stream_context(OrgId org, CaseId id, std::int64_t attachment) {
    return attachment_context(org, id) + ":" + std::to_string(attachment);
}

std::string pack_identity(const Identity& i) {
    return i.name + kSep + i.address + kSep + i.contact;
}

Result<FiledRow> write_prepared(CasesServices& s, storage::Transaction& tx, const PreparedCase& p,
                                KeyCache& keys) {
    Case c = p.c;
    c.number_year = static_cast<int>(c.received_on.year());
    auto number = store::next_case_number(tx, c.org, c.number_year);
    if (!number) return number.error();
    c.year_number = *number;
    auto id = store::insert_case(tx, c, p.receipt_hash);
    if (!id) return id.error();
    c.id = *id;
    if (!p.identity.empty()) {
        auto key = key_for(s, tx, c.org, keys);
        if (!key) return key.error();
        auto sealed =
            identity::seal(*key, pack_identity(p.identity), identity_context(c.org, c.id));
        if (auto st = store::set_identity(tx, c.id, sealed); !st) return st.error();
    }
    if (!p.attachments.empty()) {
        auto key = key_for(s, tx, c.org, keys);
        if (!key) return key.error();
        const std::string context = attachment_context(c.org, c.id);
        for (const auto& a : p.attachments) {
            auto aid =
                store::insert_attachment(tx, c.id, sniff_content_type(a.leading()), a.length(),
                                         identity::seal(*key, a.filename, context), c.created_at);
            if (!aid) return aid.error();
            // The content is read and sealed one chunk at a time (attachment_stream.hpp).
            std::ifstream file;
            std::istringstream memory;
            std::istream* in = &memory;
            if (a.path.empty()) {
                memory.str(a.bytes);
            } else {
                file.open(a.path, std::ios::binary);
                if (!file) return fail(ErrorCode::Internal, "error.internal");
                in = &file;
            }
            auto header =
                seal_stream(*key, *in, attachment_stream_context(c.org, c.id, *aid),
                            [&tx, id = *aid](std::int64_t seq, const std::string& sealed) {
                                return store::insert_attachment_chunk(tx, id, seq, sealed);
                            });
            if (!header) return header.error();
            if (auto st = store::set_attachment_header(tx, *aid, *header); !st) return st.error();
        }
    }
    if (auto st = store::bump_counter(tx, c.org, c.status, 1); !st) return st.error();
    if (auto st = store::move_due_counter(tx, nullptr, &c); !st) return st.error();
    if (auto st = store::bump_stats(tx, c, {.received = 1}); !st) return st.error();
    if (auto st = store::insert_event(tx, c.id, c.created_at, p.actor, "received",
                                      std::string(to_string(c.channel)), "");
        !st)
        return st.error();
    if (auto st = identity::record_audit(
            tx, p.actor, s.clock,
            {"cases.filed", c.org, "case", std::to_string(c.id.value),
             std::string(to_string(c.kind)) + " " + std::string(to_string(c.channel))});
        !st)
        return st.error();
    return FiledRow{c.id, std::to_string(c.year_number) + "/" + std::to_string(c.number_year)};
}

IntakeCommitter::IntakeCommitter(CasesServices& s, IntakeOptions options)
    : s_(s), options_(options) {
    if (options_.batch_max < 1) options_.batch_max = 1;
    thread_ = std::thread([this] { run(); });
}

IntakeCommitter::~IntakeCommitter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

Result<FiledRow> IntakeCommitter::submit(PreparedCase p) {
    std::future<Result<FiledRow>> result;
    {
        std::lock_guard lock(mutex_);
        // After shutdown began nobody would commit it: answer at once, as a full pool would.
        if (stopping_) return fail(ErrorCode::Unavailable, "error.unavailable");
        queue_.push_back(Pending{std::move(p), {}});
        result = queue_.back().done.get_future();
    }
    wake_.notify_one();
    return result.get();  // rethrows a DatabaseError set by the committer
}

IntakeStats IntakeCommitter::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void IntakeCommitter::run() {
    for (;;) {
        std::deque<Pending> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, nothing left
            // Cases that arrive while the previous batch was committing are already queued;
            // waiting a little more only pays when requests come faster than fsyncs.
            if (options_.batch_wait.count() > 0 && !stopping_) {
                const auto until = std::chrono::steady_clock::now() + options_.batch_wait;
                wake_.wait_until(lock, until, [this] {
                    return stopping_ ||
                           queue_.size() >= static_cast<std::size_t>(options_.batch_max);
                });
            }
            while (!queue_.empty() && batch.size() < static_cast<std::size_t>(options_.batch_max)) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        if (batch.size() == 1)
            commit_alone(batch.front());
        else
            commit_batch(batch);
    }
}

void IntakeCommitter::commit_batch(std::deque<Pending>& batch) {
    std::vector<FiledRow> ids;
    ids.reserve(batch.size());
    bool committed = false;
    try {
        auto tx = s_.identity.db.begin(storage::Access::Write);
        KeyCache keys;
        bool ok = true;
        for (auto& item : batch) {
            auto id = write_prepared(s_, tx, item.p, keys);
            if (!id) {
                ok = false;
                break;
            }
            ids.push_back(*id);
        }
        if (ok) committed = static_cast<bool>(tx.commit());
    } catch (const std::exception& e) {
        // Broken infrastructure or an injected fault: the case-by-case retry below decides.
        spdlog::warn("cases: intake batch of {} failed, retrying case by case: {}", batch.size(),
                     e.what());
    } catch (...) {
        spdlog::warn("cases: intake batch of {} failed, retrying case by case", batch.size());
    }
    if (committed) {
        {
            std::lock_guard lock(mutex_);
            stats_.cases += batch.size();
            stats_.batches += 1;
            stats_.largest_batch = std::max<std::uint64_t>(stats_.largest_batch, batch.size());
        }
        for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(ids[i]);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        stats_.failed_batches += 1;
    }
    for (auto& item : batch) commit_alone(item);
}

void IntakeCommitter::commit_alone(Pending& item) {
    try {
        auto tx = s_.identity.db.begin(storage::Access::Write);
        KeyCache keys;
        auto id = write_prepared(s_, tx, item.p, keys);
        if (id) {
            if (auto st = tx.commit(); !st) id = st.error();
        }
        {
            std::lock_guard lock(mutex_);
            (id ? stats_.cases : stats_.failed_cases) += 1;
        }
        item.done.set_value(std::move(id));
    } catch (...) {
        {
            std::lock_guard lock(mutex_);
            stats_.failed_cases += 1;
        }
        item.done.set_exception(std::current_exception());
    }
}

}  // namespace danchu::cases
