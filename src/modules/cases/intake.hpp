#pragma once
// Group commit for filed cases. A durable commit costs one fsync, and the disk does only so
// many a second, so the public form cannot afford one transaction per case. Each intake
// request validates its case and computes the deadline on its own worker (`prepare_case`),
// then hands the prepared case to the one `IntakeCommitter`, which writes up to
// `cases.intake_batch_max` pending cases — each with its history line, counters and audit
// event — in one write transaction and answers every request only after that commit has
// returned. A batch that fails is retried case by case, each in its own transaction, so one
// bad case cannot fail the others and nothing is half-written: a request is acknowledged if
// and only if its case is in the database.
//
// Sealing happens in the committer, because the identity's context names the case id (the
// row id, known only once the row is inserted); it is a few microseconds of XChaCha20 on a
// short text. Cases with attachments (megabytes to seal) take their own transaction.
//
// Threads: the committer is its own thread, never an HTTP worker, and it waits for nothing a
// worker holds (workers hold no transaction while they wait), so any number of workers may
// block in submit() without a deadlock.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/result.hpp"
#include "identity/api.hpp"
#include "modules/cases/model.hpp"
#include "storage/transaction.hpp"

namespace danchu::cases {

struct CasesServices;

// A case ready to be written: permission checked, validated, normalised, deadline computed,
// receipt code hashed. Only the row id (and with it the sealing context) is still missing.
struct PreparedCase {
    identity::Actor actor;
    Case c;
    std::string receipt_hash;
    Identity identity;  // sealed by write_prepared()
    std::vector<NewAttachment> attachments;
};

// The sealing contexts: they bind a ciphertext to its organisation and case, so a sealed
// value copied to another row does not open (R-TC-07).
[[nodiscard]] std::string identity_context(OrgId org, CaseId id);
[[nodiscard]] std::string attachment_context(OrgId org, CaseId id);
// One attachment's content stream: the case's context and the attachment's id.
[[nodiscard]] std::string attachment_stream_context(OrgId org, CaseId id, std::int64_t attachment);
[[nodiscard]] std::string pack_identity(const Identity& i);

// The organisation keys already opened in this transaction (one look-up per organisation
// and batch, not per case).
using KeyCache = std::map<std::int64_t, identity::Key>;

// A written case: its row id and its register number ("15/2026").
struct FiledRow {
    CaseId id;
    std::string number;
};

// Writes one prepared case inside `tx`: its number from the year's register, the row, the sealed
// identity and attachments, the board counters, the history line and the audit event.
[[nodiscard]] Result<FiledRow> write_prepared(CasesServices& s, storage::Transaction& tx,
                                              const PreparedCase& p, KeyCache& keys);

struct IntakeOptions {
    int batch_max = 64;                    // cases.intake_batch_max: cases per transaction
    std::chrono::milliseconds batch_wait;  // cases.intake_batch_wait_ms: wait for more cases
};

struct IntakeStats {
    std::uint64_t cases = 0;           // cases committed
    std::uint64_t batches = 0;         // transactions committed with more than one case
    std::uint64_t failed_batches = 0;  // batches retried case by case
    std::uint64_t failed_cases = 0;    // cases answered with an error
    std::uint64_t largest_batch = 0;
};

class IntakeCommitter {
  public:
    IntakeCommitter(CasesServices& s, IntakeOptions options);
    // Commits what is still queued, then stops the thread.
    ~IntakeCommitter();
    IntakeCommitter(const IntakeCommitter&) = delete;
    IntakeCommitter& operator=(const IntakeCommitter&) = delete;

    // Queues the case and blocks until it is committed (its id) or has failed on its own (its
    // error; a DatabaseError is rethrown here, on the caller's thread). The caller must not
    // hold a transaction.
    [[nodiscard]] Result<FiledRow> submit(PreparedCase p);

    [[nodiscard]] IntakeStats stats() const;

  private:
    struct Pending {
        PreparedCase p;
        std::promise<Result<FiledRow>> done;
    };
    void run();
    void commit_batch(std::deque<Pending>& batch);
    void commit_alone(Pending& item);

    CasesServices& s_;
    IntakeOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Pending> queue_;
    bool stopping_ = false;
    IntakeStats stats_;
    std::thread thread_;
};

}  // namespace danchu::cases
