#include "modules/disclosures/ledger.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace danchu::disclosures::ledger {

namespace {

using nlohmann::json;

// Canonical form: nlohmann's default object keeps keys sorted; dump() without indent has no
// spaces; UTF-8 is kept as is (no \u escapes), so the same entry always has the same bytes.
std::string canonical(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

bool init_sodium() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

}  // namespace

std::string to_hex(const std::uint8_t* data, std::size_t n) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(kHex[data[i] >> 4]);
        out.push_back(kHex[data[i] & 15]);
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;  // lower-case only: one spelling per value
    };
    std::vector<std::uint8_t> out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return out;
}

std::string sha256_hex(std::string_view data) {
    init_sodium();
    std::array<std::uint8_t, crypto_hash_sha256_BYTES> out{};
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size());
    return to_hex(out.data(), out.size());
}

KeyPair key_pair(const Seed& seed) {
    init_sodium();
    KeyPair k;
    crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
    return k;
}

SignedEntry sign_entry(const KeyPair& key, long long seq, const std::string& prev_hash,
                       const std::string& fields_json) {
    json j = json::parse(fields_json);
    j["seq"] = seq;
    j["prev"] = prev_hash;
    SignedEntry e;
    e.seq = seq;
    e.entry = canonical(j);
    e.hash = sha256_hex(e.entry);
    const auto digest = *from_hex(e.hash);
    std::array<std::uint8_t, crypto_sign_BYTES> sig{};
    crypto_sign_detached(sig.data(), nullptr, digest.data(), digest.size(), key.secret_key.data());
    e.sig = to_hex(sig.data(), sig.size());
    return e;
}

std::string to_line(const SignedEntry& e) {
    // Built by hand so the entry keeps its stored bytes exactly.
    return R"({"entry":)" + e.entry + R"(,"hash":")" + e.hash + R"(","sig":")" + e.sig + "\"}";
}

Verification verify(std::string_view jsonl, const PublicKey& key) {
    init_sodium();
    Verification v;
    std::string prev(kGenesis);
    long long line_no = 0;
    std::size_t pos = 0;
    auto bad = [&](std::string reason) {
        v.ok = false;
        v.first_bad = line_no;
        v.reason = std::move(reason);
        return v;
    };
    while (pos < jsonl.size()) {
        auto end = jsonl.find('\n', pos);
        if (end == std::string_view::npos) end = jsonl.size();
        const auto line = jsonl.substr(pos, end - pos);
        pos = end + 1;
        if (line.empty()) continue;
        ++line_no;
        json j = json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("entry") || !j["entry"].is_object() ||
            !j.contains("hash") || !j["hash"].is_string() || !j.contains("sig") ||
            !j["sig"].is_string()) {
            return bad("not a ledger line");
        }
        const json& entry = j["entry"];
        const std::string text = canonical(entry);
        // The entry as served must be its canonical form, byte for byte.
        const auto at = line.find("\"entry\":");
        if (at == std::string_view::npos || line.substr(at + 8, text.size()) != text) {
            return bad("entry is not in canonical form");
        }
        if (!entry.contains("seq") || !entry["seq"].is_number_integer() ||
            entry["seq"].get<long long>() != line_no) {
            return bad("sequence number is not " + std::to_string(line_no) +
                       " (entry deleted, inserted or reordered)");
        }
        if (!entry.contains("prev") || !entry["prev"].is_string() ||
            entry["prev"].get<std::string>() != prev) {
            return bad("previous hash does not match the entry before it");
        }
        const std::string hash = j["hash"].get<std::string>();
        if (sha256_hex(text) != hash) return bad("hash does not match the entry's content");
        const auto digest = from_hex(hash);
        const auto sig = from_hex(j["sig"].get<std::string>());
        if (!digest || !sig || sig->size() != crypto_sign_BYTES ||
            crypto_sign_verify_detached(sig->data(), digest->data(), digest->size(), key.data()) !=
                0) {
            return bad("signature is not valid for the organisation's key");
        }
        prev = hash;
        v.entries = line_no;
        v.head_hash = hash;
    }
    return v;
}

std::optional<PublicKey> parse_public_key(std::string_view text) {
    std::string hex;
    auto j = json::parse(text, nullptr, false);
    if (!j.is_discarded() && j.is_object() && j.contains("public_key") &&
        j["public_key"].is_string()) {
        hex = j["public_key"].get<std::string>();
    } else {
        for (char c : text) {
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') hex.push_back(c);
        }
    }
    auto bytes = from_hex(hex);
    if (!bytes || bytes->size() != 32) return std::nullopt;
    PublicKey k{};
    std::copy(bytes->begin(), bytes->end(), k.begin());
    return k;
}

}  // namespace danchu::disclosures::ledger
