// The ledger verifier on its own: a chain it signs verifies; a changed byte, a deleted line,
// swapped lines or a foreign key each fail and name the first bad entry.

#include "modules/disclosures/ledger.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace danchu::disclosures::ledger {
namespace {

std::vector<std::string> chain(const KeyPair& k, int n) {
    std::vector<std::string> lines;
    std::string prev(kGenesis);
    for (int i = 1; i <= n; ++i) {
        auto e = sign_entry(k, i, prev,
                            R"({"action":"publish","at":)" + std::to_string(1700000000 + i) +
                                R"(,"audience":"public","item":)" + std::to_string(i) +
                                R"(,"title_note":"Dự toán ngân sách"})");
        prev = e.hash;
        lines.push_back(to_line(e));
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

Seed seed(std::uint8_t b) {
    Seed s{};
    s.fill(b);
    return s;
}

TEST(Ledger, SignedChainVerifies) {
    const auto k = key_pair(seed(7));
    auto v = verify(join(chain(k, 4)), k.public_key);
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.entries, 4);
    EXPECT_TRUE(verify("", k.public_key).ok);
}

TEST(Ledger, ChangedByteFailsAtThatEntry) {
    const auto k = key_pair(seed(7));
    auto lines = chain(k, 4);
    auto pos = lines[2].find("\"item\":3");
    ASSERT_NE(pos, std::string::npos);
    lines[2][pos + 7] = '9';
    auto v = verify(join(lines), k.public_key);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 3);
}

TEST(Ledger, ChangedHashOrSignatureFails) {
    const auto k = key_pair(seed(7));
    auto lines = chain(k, 3);
    auto sig = lines[1].rfind("\"sig\":\"");
    lines[1][sig + 8] = lines[1][sig + 8] == 'a' ? 'b' : 'a';
    auto v = verify(join(lines), k.public_key);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 2);
}

TEST(Ledger, DeletedEntryFailsAtTheGap) {
    const auto k = key_pair(seed(7));
    auto lines = chain(k, 4);
    lines.erase(lines.begin() + 1);
    auto v = verify(join(lines), k.public_key);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 2);
}

TEST(Ledger, SwappedEntriesFail) {
    const auto k = key_pair(seed(7));
    auto lines = chain(k, 4);
    std::swap(lines[1], lines[2]);
    auto v = verify(join(lines), k.public_key);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 2);
}

TEST(Ledger, RebuiltChainWithAnotherKeyFails) {
    const auto k = key_pair(seed(7));
    const auto forger = key_pair(seed(8));
    auto v = verify(join(chain(forger, 2)), k.public_key);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 1);
}

TEST(Ledger, NonCanonicalOrGarbageLinesFail) {
    const auto k = key_pair(seed(7));
    auto lines = chain(k, 2);
    auto spaced = lines[0];
    spaced.insert(spaced.find("\"action\""), " ");
    auto v = verify(join({spaced, lines[1]}), k.public_key);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad, 1);
    EXPECT_FALSE(verify("not json\n", k.public_key).ok);
    EXPECT_FALSE(verify("{\"entry\":1}\n", k.public_key).ok);
}

TEST(Ledger, PublicKeyParsesFromHexOrServedJson) {
    const auto k = key_pair(seed(7));
    const auto hex = to_hex(k.public_key.data(), k.public_key.size());
    EXPECT_EQ(parse_public_key(hex), k.public_key);
    EXPECT_EQ(parse_public_key(R"({"algorithm":"ed25519","public_key":")" + hex + "\"}"),
              k.public_key);
    EXPECT_FALSE(parse_public_key("abc"));
}

}  // namespace
}  // namespace danchu::disclosures::ledger
