#include "identity/crypto.hpp"

#include <fcntl.h>
#include <liboath/oath.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace danchu::identity {

namespace {

void ensure_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
        if (oath_init() != OATH_OK) throw std::runtime_error("liboath failed to initialise");
    });
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string to_hex(const std::uint8_t* data, std::size_t len) {
    std::string out(len * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, len);
    out.pop_back();
    return out;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
    std::vector<std::uint8_t> out(hex.size() / 2 + 1);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
        end != hex.data() + hex.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordPolicy policy)
    : policy_(policy), gate_(std::clamp<std::ptrdiff_t>(policy.max_concurrent, 1, 64)) {
    ensure_init();
    auto h = hash("danchu-dummy-password-for-timing");
    dummy_hash_ = h ? *h : std::string();
}

Status PasswordHasher::check_strength(std::string_view password) const {
    if (utf8_length(password) < policy_.min_length)
        return fail(ErrorCode::InvalidInput, "identity.error.password_too_short",
                    {{"password", "identity.error.password_too_short"}});
    return {};
}

Result<std::string> PasswordHasher::hash(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    gate_.acquire();
    const int rc = crypto_pwhash_str_alg(out, password.data(), password.size(), policy_.opslimit,
                                         policy_.memlimit_kib * 1024, crypto_pwhash_ALG_ARGON2ID13);
    gate_.release();
    if (rc != 0)
        return fail(ErrorCode::Unavailable, "error.unavailable", {},
                    "argon2id hashing ran out of memory (identity.argon2_memlimit_kib)");
    return std::string(out);
}

bool PasswordHasher::verify(std::string_view encoded, std::string_view password) {
    if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
    std::string z(encoded);
    gate_.acquire();
    const int rc = crypto_pwhash_str_verify(z.c_str(), password.data(), password.size());
    gate_.release();
    return rc == 0;
}

void PasswordHasher::verify_dummy(std::string_view password) {
    (void)verify(dummy_hash_, password);
}

std::string random_token(std::size_t bytes) {
    ensure_init();
    std::vector<std::uint8_t> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                    '\0');
    sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::string token_hash(std::string_view token) {
    ensure_init();
    std::uint8_t h[32];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    return to_hex(h, sizeof h);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    ensure_init();
    // Compare fixed-size digests so that lengths leak nothing either.
    std::uint8_t ha[32], hb[32];
    crypto_generichash(ha, sizeof ha, reinterpret_cast<const unsigned char*>(a.data()), a.size(),
                       nullptr, 0);
    crypto_generichash(hb, sizeof hb, reinterpret_cast<const unsigned char*>(b.data()), b.size(),
                       nullptr, 0);
    return sodium_memcmp(ha, hb, sizeof ha) == 0;
}

Result<ServerKey> ServerKey::from_hex(std::string_view hex) {
    auto bytes = identity::from_hex(hex);
    if (!bytes || bytes->size() != 32)
        return fail(ErrorCode::InvalidInput, "identity.error.server_key", {},
                    "server.key_hex / DANCHU_SERVER_KEY must be 64 hexadecimal digits");
    ServerKey k;
    std::copy(bytes->begin(), bytes->end(), k.key_.begin());
    return k;
}

Result<ServerKey> ServerKey::load_or_create(const std::filesystem::path& path) {
    ensure_init();
    ServerKey k;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if ((st.st_mode & 077) != 0)
            return fail(ErrorCode::InvalidInput, "identity.error.server_key", {},
                        path.string() + " must not be readable by group or others (chmod 600)");
        std::ifstream in(path, std::ios::binary);
        in.read(reinterpret_cast<char*>(k.key_.data()), k.key_.size());
        if (in.gcount() != static_cast<std::streamsize>(k.key_.size()) || in.get() != EOF)
            return fail(ErrorCode::InvalidInput, "identity.error.server_key", {},
                        path.string() + " must hold exactly 32 bytes");
        return k;
    }
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    randombytes_buf(k.key_.data(), k.key_.size());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(ErrorCode::Unavailable, "identity.error.server_key", {},
                    "cannot create " + path.string() + ": " + std::strerror(errno));
    const bool ok =
        ::write(fd, k.key_.data(), k.key_.size()) == static_cast<ssize_t>(k.key_.size()) &&
        ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        std::filesystem::remove(path);
        return fail(ErrorCode::Unavailable, "identity.error.server_key", {},
                    "cannot write " + path.string());
    }
    return k;
}

Key random_key() {
    ensure_init();
    Key k;
    randombytes_buf(k.data(), k.size());
    return k;
}

std::string seal(const Key& key, std::string_view plaintext, std::string_view context) {
    ensure_init();
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    std::vector<std::uint8_t> out(kNonce + plaintext.size() +
                                  crypto_aead_xchacha20poly1305_ietf_ABYTES);
    randombytes_buf(out.data(), kNonce);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        out.data() + kNonce, &clen, reinterpret_cast<const unsigned char*>(plaintext.data()),
        plaintext.size(), reinterpret_cast<const unsigned char*>(context.data()), context.size(),
        nullptr, out.data(), key.data());
    return to_hex(out.data(), kNonce + clen);
}

Result<std::string> open_sealed(const Key& key, std::string_view sealed_hex,
                                std::string_view context) {
    ensure_init();
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    auto bytes = from_hex(sealed_hex);
    if (!bytes || bytes->size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES)
        return fail(ErrorCode::Internal, "identity.error.sealed", {}, "malformed sealed value");
    std::string out(bytes->size() - kNonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(out.data()), &mlen, nullptr, bytes->data() + kNonce,
            bytes->size() - kNonce, reinterpret_cast<const unsigned char*>(context.data()),
            context.size(), bytes->data(), key.data()) != 0)
        return fail(ErrorCode::Internal, "identity.error.sealed", {},
                    "sealed value failed authentication (wrong key or context)");
    out.resize(mlen);
    return out;
}

std::string Totp::new_secret() {
    ensure_init();
    std::uint8_t raw[20];
    randombytes_buf(raw, sizeof raw);
    char* b32 = nullptr;
    std::size_t len = 0;
    oath_base32_encode(reinterpret_cast<const char*>(raw), sizeof raw, &b32, &len);
    std::string out(b32, len);
    std::free(b32);
    return out;
}

namespace {
std::optional<std::string> decode_secret(std::string_view base32) {
    char* raw = nullptr;
    std::size_t len = 0;
    std::string in(base32);
    if (oath_base32_decode(in.c_str(), in.size(), &raw, &len) != OATH_OK) return std::nullopt;
    std::string out(raw, len);
    std::free(raw);
    return out;
}
}  // namespace

bool Totp::verify(std::string_view base32_secret, std::string_view code, TimePoint now) {
    ensure_init();
    if (code.size() != 6) return false;
    auto secret = decode_secret(base32_secret);
    if (!secret) return false;
    std::string otp(code);
    const int rc = oath_totp_validate(secret->data(), secret->size(), unix_seconds(now),
                                      OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 1, otp.c_str());
    return rc >= 0;
}

std::optional<std::string> Totp::code_at(std::string_view base32_secret, TimePoint now) {
    ensure_init();
    auto secret = decode_secret(base32_secret);
    if (!secret) return std::nullopt;
    char otp[7] = {};
    if (oath_totp_generate(secret->data(), secret->size(), unix_seconds(now),
                           OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 6, otp) != OATH_OK)
        return std::nullopt;
    return std::string(otp);
}

std::string Totp::uri(std::string_view issuer, std::string_view account,
                      std::string_view base32_secret) {
    auto enc = [](std::string_view s) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        std::string out;
        for (unsigned char c : s) {
            if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
                out.push_back(static_cast<char>(c));
            } else {
                out.push_back('%');
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 15]);
            }
        }
        return out;
    };
    return "otpauth://totp/" + enc(issuer) + ":" + enc(account) +
           "?secret=" + std::string(base32_secret) + "&issuer=" + enc(issuer) +
           "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace danchu::identity
