#pragma once
// The tamper-evident ledger of what an organisation published, corrected and withdrew
// (ARCHITECTURE §5, R-GEN-04). Each entry is canonical JSON (sorted keys, no spaces) holding
// its sequence number and the SHA-256 of the previous entry, so a changed, deleted or
// reordered entry breaks the chain; each entry's hash is signed with the organisation's
// Ed25519 key, so nobody without the key can rebuild a consistent chain.
//
// Internal items appear by commitment only: their entry holds `detail_sha256`, the hash of a
// private detail record (item, version, category, hashes, posting period and a random
// nonce), so the public sees *that* and *when* an internal disclosure was made, not what.
//
// One served line (JSON Lines):
//   {"entry":{...},"hash":"<hex sha256 of the canonical entry>","sig":"<hex ed25519 of hash>"}
// The verifier is pure: it needs only the lines and the public key.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace danchu::disclosures::ledger {

using PublicKey = std::array<std::uint8_t, 32>;
using Seed = std::array<std::uint8_t, 32>;

inline constexpr std::string_view kGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

[[nodiscard]] std::string sha256_hex(std::string_view data);
[[nodiscard]] std::string to_hex(const std::uint8_t* data, std::size_t n);
[[nodiscard]] std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);

// Ed25519 key pair derived from a 32-byte seed (the organisation key "disclosures.ledger").
struct KeyPair {
    PublicKey public_key{};
    std::array<std::uint8_t, 64> secret_key{};
};
[[nodiscard]] KeyPair key_pair(const Seed& seed);

// A signed entry as stored and served.
struct SignedEntry {
    long long seq = 0;
    std::string entry;  // canonical JSON text
    std::string hash;   // hex SHA-256 of `entry`
    std::string sig;    // hex Ed25519 signature of the 32 hash bytes
};

// Builds, canonicalises, hashes and signs entry `fields` (an object without seq/prev) as
// number `seq` after `prev_hash`.
[[nodiscard]] SignedEntry sign_entry(const KeyPair& key, long long seq,
                                     const std::string& prev_hash, const std::string& fields_json);

// The JSON Lines form of one entry.
[[nodiscard]] std::string to_line(const SignedEntry& e);

struct Verification {
    bool ok = true;
    long long entries = 0;
    std::optional<long long> first_bad;  // 1-based line number of the first bad entry
    std::string reason;                  // English, for the CLI
    std::string head_hash;               // hash of the last good entry
};
// Checks every line: well-formed, canonical, sequence 1, 2, 3 …, chained to the previous
// hash, hash matches, signature valid under `key`.
[[nodiscard]] Verification verify(std::string_view jsonl, const PublicKey& key);

// Parses a public key given as 64 hex characters or as the JSON served at /ledger/key.
[[nodiscard]] std::optional<PublicKey> parse_public_key(std::string_view text);

}  // namespace danchu::disclosures::ledger
