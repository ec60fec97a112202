#pragma once
// Attachments sealed as a stream. A scan or a photo can be megabytes, and a denouncer's file
// identifies them as surely as their name (R-TC-07), so it is sealed like the identity — but
// chunk by chunk with libsodium's secretstream (XChaCha20-Poly1305), never whole in memory:
// the sealer reads one chunk, seals it and hands it on (the store writes it as a row). The
// context ("org:5:case:12:cases.attachment:3") is the additional data of every chunk, so a
// chunk copied to another file fails; the stream's own state refuses a modified, dropped,
// reordered or appended chunk, and a stream without its final chunk does not open.
//
// Sealed header and chunks are base64 text (portable TEXT columns on both databases).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "identity/crypto.hpp"

namespace danchu::cases {

inline constexpr std::size_t kStreamChunk = 64 * 1024;

// Reads `in` to its end and calls `on_chunk(seq, sealed)` for each sealed chunk in order (the
// last tagged final; an empty input gives one empty final chunk). Returns the stream header,
// or the first error a callback returned.
[[nodiscard]] Result<std::string> seal_stream(
    const identity::Key& key, std::istream& in, std::string_view context,
    const std::function<Status(std::int64_t seq, const std::string& sealed)>& on_chunk,
    std::size_t chunk = kStreamChunk);

// Opens a sealed stream, pulling its chunks one at a time from `next` (nullopt after the last)
// and handing each plaintext piece to `out`. InvalidInput (cases.error.attachment_damaged)
// when a chunk was modified, dropped, reordered or appended, when the final chunk is missing,
// or when the header or the context is not the stream's.
[[nodiscard]] Status open_stream(const identity::Key& key, std::string_view header,
                                 std::string_view context,
                                 const std::function<std::optional<std::string>()>& next,
                                 const std::function<void(std::string_view)>& out);

}  // namespace danchu::cases
