#pragma once
// The identity module's cryptography, all from libsodium (and liboath for TOTP codes):
// password hashing (Argon2id), random tokens and their stored hashes, the server key that
// wraps per-organisation keys, authenticated encryption of sealed fields, and TOTP.
//
// Why hashing is gated: Argon2id is deliberately slow and memory-hungry, so a burst of
// logins could take all memory and CPU; at most `max_concurrent` hashes run at once and
// the rest wait (they run on the blocking pool, never on an I/O thread).

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace danchu::identity {

// Configuration keys `identity.password_*` (see config/danchu.example.toml).
struct PasswordPolicy {
    std::size_t min_length = 10;           // identity.password_min_length
    unsigned long long opslimit = 2;       // identity.argon2_opslimit (passes)
    std::size_t memlimit_kib = 19 * 1024;  // identity.argon2_memlimit_kib
    std::ptrdiff_t max_concurrent = 2;     // identity.password_hash_concurrency
};

class PasswordHasher final {
  public:
    explicit PasswordHasher(PasswordPolicy policy);

    // InvalidInput (identity.error.password_too_short) when the password is shorter than the
    // policy's minimum, counted in Unicode code points.
    [[nodiscard]] Status check_strength(std::string_view password) const;
    // An encoded Argon2id string ("$argon2id$v=19$m=…"), salt included.
    [[nodiscard]] Result<std::string> hash(std::string_view password);
    [[nodiscard]] bool verify(std::string_view encoded, std::string_view password);
    // Spends the same time as a verification, for unknown accounts, so that response time
    // does not reveal whether a login name exists.
    void verify_dummy(std::string_view password);

    [[nodiscard]] const PasswordPolicy& policy() const { return policy_; }

  private:
    PasswordPolicy policy_;
    std::counting_semaphore<64> gate_;
    std::string dummy_hash_;
};

// 256 random bits as unpadded base64url (43 characters): session tokens, CSRF tokens,
// receipt codes.
[[nodiscard]] std::string random_token(std::size_t bytes = 32);
// What is stored instead of a token: hex BLAKE2b-256 of it. A leaked table yields no
// usable session.
[[nodiscard]] std::string token_hash(std::string_view token);
// Constant-time comparison of two strings of any length.
[[nodiscard]] bool equal_constant_time(std::string_view a, std::string_view b);

using Key = std::array<std::uint8_t, 32>;

// The server secret. Created as `data/server.key` (mode 0600) on first start, or supplied
// as 64 hex digits in DANCHU_SERVER_KEY (config `server.key_hex`) so that several nodes
// share it. It never encrypts data directly: it wraps per-organisation keys.
class ServerKey final {
  public:
    [[nodiscard]] static Result<ServerKey> from_hex(std::string_view hex);
    // Reads `path`, or creates it with a fresh random key when it does not exist.
    // Fails when the file exists with the wrong size or is readable by others.
    [[nodiscard]] static Result<ServerKey> load_or_create(const std::filesystem::path& path);
    [[nodiscard]] const Key& bytes() const { return key_; }

  private:
    Key key_{};
};

// Authenticated encryption (XChaCha20-Poly1305). `context` is bound to the ciphertext (e.g.
// "org:5:identity.totp"): a value moved to another row or purpose fails to open.
[[nodiscard]] std::string seal(const Key& key, std::string_view plaintext,
                               std::string_view context);
[[nodiscard]] Result<std::string> open_sealed(const Key& key, std::string_view sealed_hex,
                                              std::string_view context);
[[nodiscard]] Key random_key();

// TOTP (RFC 6238, 30-second steps, 6 digits) via liboath.
struct Totp {
    // A new secret: 20 random bytes, returned base32-encoded as authenticator apps expect.
    [[nodiscard]] static std::string new_secret();
    // True when `code` matches the secret at `now` or one step either side.
    [[nodiscard]] static bool verify(std::string_view base32_secret, std::string_view code,
                                     TimePoint now);
    // The code at `now` (tests and the enrolment page's self-check).
    [[nodiscard]] static std::optional<std::string> code_at(std::string_view base32_secret,
                                                            TimePoint now);
    // otpauth:// URI for authenticator apps.
    [[nodiscard]] static std::string uri(std::string_view issuer, std::string_view account,
                                         std::string_view base32_secret);
};

}  // namespace danchu::identity
