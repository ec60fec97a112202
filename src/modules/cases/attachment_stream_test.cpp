// Streamed sealing of attachments (R-TC-07): a file larger than one chunk round-trips, and a
// modified, dropped, reordered or appended chunk, a missing final chunk, another context or
// another key is refused.

#include "modules/cases/attachment_stream.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace danchu::cases {
namespace {

struct Sealed {
    std::string header;
    std::vector<std::string> chunks;
};

Sealed seal(const identity::Key& key, const std::string& plain, std::string_view context,
            std::size_t chunk) {
    std::istringstream in(plain);
    Sealed s;
    auto header = seal_stream(
        key, in, context,
        [&s](std::int64_t seq, const std::string& sealed) -> Status {
            EXPECT_EQ(seq, static_cast<std::int64_t>(s.chunks.size()));
            s.chunks.push_back(sealed);
            return {};
        },
        chunk);
    EXPECT_TRUE(header);
    if (header) s.header = *header;
    return s;
}

Result<std::string> open(const identity::Key& key, const Sealed& s, std::string_view context) {
    std::size_t i = 0;
    std::string out;
    auto st = open_stream(
        key, s.header, context,
        [&]() -> std::optional<std::string> {
            if (i == s.chunks.size()) return std::nullopt;
            return s.chunks[i++];
        },
        [&out](std::string_view piece) { out.append(piece); });
    if (!st) return st.error();
    return out;
}

std::string bytes(std::size_t n) {
    std::string out(n, '\0');
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>((i * 7919 + i / 251) & 0xff);
    return out;
}

TEST(AttachmentStream, AFileLargerThanOneChunkRoundTripsChunkByChunk) {
    const auto key = identity::random_key();
    const std::string ctx = "org:1:case:2:cases.attachment:3";
    const std::string plain = bytes(3 * kStreamChunk + 1234);  // four chunks, the last short
    auto s = seal(key, plain, ctx, kStreamChunk);
    EXPECT_EQ(s.chunks.size(), 4u);
    auto back = open(key, s, ctx);
    ASSERT_TRUE(back) << back.error().message_key;
    EXPECT_EQ(*back, plain);
    EXPECT_EQ(s.chunks[1].find(plain.substr(kStreamChunk, 64)), std::string::npos);
    // Exact multiples of the chunk and the empty file.
    for (std::size_t n : {std::size_t{0}, std::size_t{1000}, std::size_t{3000}}) {
        auto t = seal(key, bytes(n), ctx, 1000);
        EXPECT_EQ(t.chunks.size(), std::max<std::size_t>(1, (n + 999) / 1000));
        auto r = open(key, t, ctx);
        ASSERT_TRUE(r);
        EXPECT_EQ(*r, bytes(n));
    }
}

TEST(AttachmentStream, ATamperedDroppedReorderedOrAppendedChunkIsRefused) {
    const auto key = identity::random_key();
    const std::string ctx = "org:1:case:2:cases.attachment:3";
    const auto s = seal(key, bytes(4500), ctx, 1000);  // five chunks
    ASSERT_EQ(s.chunks.size(), 5u);
    auto refused = [&](Sealed t) {
        auto r = open(key, t, ctx);
        return !r && r.error().message_key == "cases.error.attachment_damaged";
    };
    Sealed tampered = s;
    tampered.chunks[2][10] = tampered.chunks[2][10] == 'A' ? 'B' : 'A';  // one base64 digit
    EXPECT_TRUE(refused(tampered));
    Sealed dropped = s;
    dropped.chunks.erase(dropped.chunks.begin() + 1);
    EXPECT_TRUE(refused(dropped));
    Sealed truncated = s;
    truncated.chunks.pop_back();
    EXPECT_TRUE(refused(truncated));
    Sealed swapped = s;
    std::swap(swapped.chunks[1], swapped.chunks[2]);
    EXPECT_TRUE(refused(swapped));
    Sealed appended = s;
    appended.chunks.push_back(s.chunks[0]);
    EXPECT_TRUE(refused(appended));
    // Another attachment's context or key, or another header, does not open it either.
    EXPECT_FALSE(open(key, s, "org:1:case:2:cases.attachment:4"));
    EXPECT_FALSE(open(identity::random_key(), s, ctx));
    Sealed other_header = s;
    other_header.header = seal(key, bytes(10), ctx, 1000).header;
    EXPECT_TRUE(refused(other_header));
}

}  // namespace
}  // namespace danchu::cases
