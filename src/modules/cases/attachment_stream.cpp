#include "modules/cases/attachment_stream.hpp"

#include <sodium.h>

#include <vector>

namespace danchu::cases {

namespace {

using State = crypto_secretstream_xchacha20poly1305_state;
constexpr std::size_t kABytes = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr std::size_t kHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;

std::string to_base64(const unsigned char* bytes, std::size_t n) {
    std::string out(sodium_base64_encoded_len(n, kVariant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, n, kVariant);
    out.resize(out.size() - 1);  // the terminating zero
    return out;
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
    std::vector<unsigned char> out(text.size() / 4 * 3 + 3);
    std::size_t n = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &n, nullptr,
                          kVariant) != 0)
        return std::nullopt;
    out.resize(n);
    return out;
}

Error damaged() { return fail(ErrorCode::InvalidInput, "cases.error.attachment_damaged"); }

const unsigned char* ad_of(std::string_view context) {
    return reinterpret_cast<const unsigned char*>(context.data());
}

}  // namespace

static_assert(crypto_secretstream_xchacha20poly1305_KEYBYTES == sizeof(identity::Key));

Result<std::string> seal_stream(
    const identity::Key& key, std::istream& in, std::string_view context,
    const std::function<Status(std::int64_t seq, const std::string& sealed)>& on_chunk,
    std::size_t chunk) {
    State state;
    unsigned char header[kHeaderBytes];
    crypto_secretstream_xchacha20poly1305_init_push(&state, header, key.data());
    std::vector<unsigned char> plain(chunk), sealed(chunk + kABytes);
    // One chunk of look-ahead, so the last chunk read is the one tagged final.
    in.read(reinterpret_cast<char*>(plain.data()), static_cast<std::streamsize>(chunk));
    std::size_t have = static_cast<std::size_t>(in.gcount());
    std::vector<unsigned char> next(chunk);
    for (std::int64_t seq = 0;; ++seq) {
        std::size_t next_have = 0;
        if (have == chunk) {
            in.read(reinterpret_cast<char*>(next.data()), static_cast<std::streamsize>(chunk));
            next_have = static_cast<std::size_t>(in.gcount());
        }
        const bool last = next_have == 0;
        unsigned long long written = 0;
        crypto_secretstream_xchacha20poly1305_push(
            &state, sealed.data(), &written, plain.data(), have, ad_of(context), context.size(),
            last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
        if (auto st = on_chunk(seq, to_base64(sealed.data(), written)); !st) {
            sodium_memzero(plain.data(), plain.size());
            return st.error();
        }
        if (last) break;
        plain.swap(next);
        have = next_have;
    }
    sodium_memzero(plain.data(), plain.size());
    sodium_memzero(next.data(), next.size());
    if (in.bad()) return fail(ErrorCode::Internal, "error.internal");
    return to_base64(header, sizeof header);
}

Status open_stream(const identity::Key& key, std::string_view header, std::string_view context,
                   const std::function<std::optional<std::string>()>& next,
                   const std::function<void(std::string_view)>& out) {
    auto h = from_base64(header);
    if (!h || h->size() != kHeaderBytes) return damaged();
    State state;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&state, h->data(), key.data()) != 0)
        return damaged();
    bool finished = false;
    std::vector<unsigned char> plain;
    while (auto text = next()) {
        if (finished) return damaged();  // a chunk after the final one
        auto c = from_base64(*text);
        if (!c || c->size() < kABytes) return damaged();
        plain.resize(c->size() - kABytes);
        unsigned long long n = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&state, plain.data(), &n, &tag, c->data(),
                                                       c->size(), ad_of(context),
                                                       context.size()) != 0)
            return damaged();
        out(std::string_view(reinterpret_cast<const char*>(plain.data()), n));
        finished = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }
    sodium_memzero(plain.data(), plain.size());
    if (!finished) return damaged();  // truncated
    return {};
}

}  // namespace danchu::cases
