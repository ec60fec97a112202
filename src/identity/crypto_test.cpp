#include "identity/crypto.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace danchu::identity {
namespace {

PasswordPolicy fast_policy() {
    PasswordPolicy p;
    p.memlimit_kib = 8 * 1024;
    p.opslimit = 1;
    return p;
}

TEST(Passwords, Argon2idHashVerifiesOnlyTheRightPassword) {
    PasswordHasher h(fast_policy());
    auto hash = h.hash("mật khẩu đủ dài");
    ASSERT_TRUE(hash);
    EXPECT_TRUE(hash->starts_with("$argon2id$"));
    EXPECT_TRUE(h.verify(*hash, "mật khẩu đủ dài"));
    EXPECT_FALSE(h.verify(*hash, "mat khau du dai"));
    EXPECT_FALSE(h.verify("", "x"));
    EXPECT_FALSE(h.verify("garbage", "x"));
}

TEST(Passwords, SaltMakesEqualPasswordsHashDifferently) {
    PasswordHasher h(fast_policy());
    EXPECT_NE(*h.hash("same password!"), *h.hash("same password!"));
}

TEST(Passwords, MinimumLengthCountsCharactersNotBytes) {
    PasswordHasher h(fast_policy());
    // 9 characters, 17 bytes in UTF-8: still too short for a minimum of 10.
    EXPECT_FALSE(h.check_strength("đđđđđđđđđ"));
    EXPECT_TRUE(h.check_strength("đđđđđđđđđđ"));
}

TEST(Tokens, RandomTokensAre256BitsAndDistinct) {
    auto a = random_token();
    auto b = random_token();
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, b);
    EXPECT_EQ(token_hash(a).size(), 64u);
    EXPECT_EQ(token_hash(a), token_hash(a));
    EXPECT_NE(token_hash(a), token_hash(b));
    EXPECT_TRUE(equal_constant_time(a, a));
    EXPECT_FALSE(equal_constant_time(a, b));
    EXPECT_FALSE(equal_constant_time(a, a.substr(1)));
}

TEST(SealedFields, OpenOnlyWithSameKeyAndContext) {
    Key k = random_key();
    auto sealed = seal(k, "Nguyễn Văn A, 12 đường Lê Lợi", "org:1:cases.denouncer:7");
    auto back = open_sealed(k, sealed, "org:1:cases.denouncer:7");
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, "Nguyễn Văn A, 12 đường Lê Lợi");
    EXPECT_FALSE(open_sealed(k, sealed, "org:1:cases.denouncer:8"));
    EXPECT_FALSE(open_sealed(random_key(), sealed, "org:1:cases.denouncer:7"));
    auto tampered = sealed;
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    EXPECT_FALSE(open_sealed(k, tampered, "org:1:cases.denouncer:7"));
    EXPECT_FALSE(open_sealed(k, "zz", "x"));
}

TEST(ServerKey, CreatedWithMode0600AndReloaded) {
    auto dir = std::filesystem::temp_directory_path() / ("danchu-key-" + random_token(6));
    auto path = dir / "server.key";
    auto k1 = ServerKey::load_or_create(path);
    ASSERT_TRUE(k1);
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto k2 = ServerKey::load_or_create(path);
    ASSERT_TRUE(k2);
    EXPECT_EQ(k1->bytes(), k2->bytes());
    std::filesystem::remove_all(dir);
}

TEST(ServerKey, RejectsWorldReadableOrWrongSizedFiles) {
    auto dir = std::filesystem::temp_directory_path() / ("danchu-key-" + random_token(6));
    std::filesystem::create_directories(dir);
    auto path = dir / "server.key";
    { std::ofstream(path) << "short"; }
    ::chmod(path.c_str(), 0600);
    EXPECT_FALSE(ServerKey::load_or_create(path));
    ::chmod(path.c_str(), 0644);
    auto r = ServerKey::load_or_create(path);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().detail.find("chmod 600"), std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST(ServerKey, HexFromEnvironmentMustBe64Digits) {
    EXPECT_TRUE(ServerKey::from_hex(std::string(64, 'a')));
    EXPECT_FALSE(ServerKey::from_hex(std::string(63, 'a')));
    EXPECT_FALSE(ServerKey::from_hex(std::string(64, 'g')));
}

TEST(Totp, Rfc6238VectorAndOneStepWindow) {
    // RFC 6238 appendix B: ASCII "12345678901234567890" (base32 below), T = 59 s → 94287082
    // (8 digits); the 6-digit code is its last six digits.
    const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    const TimePoint t = from_unix_seconds(59);
    auto code = Totp::code_at(secret, t);
    ASSERT_TRUE(code);
    EXPECT_EQ(*code, "287082");
    EXPECT_TRUE(Totp::verify(secret, "287082", t));
    EXPECT_TRUE(Totp::verify(secret, "287082", t + std::chrono::seconds(30)));
    EXPECT_FALSE(Totp::verify(secret, "287082", t + std::chrono::seconds(120)));
    EXPECT_FALSE(Totp::verify(secret, "28708", t));
    EXPECT_FALSE(Totp::verify("not base32!", "287082", t));
}

TEST(Totp, NewSecretsWorkWithTheirOwnCodes) {
    auto secret = Totp::new_secret();
    EXPECT_EQ(secret.size(), 32u);
    const TimePoint now = std::chrono::system_clock::now();
    EXPECT_TRUE(Totp::verify(secret, *Totp::code_at(secret, now), now));
    EXPECT_TRUE(Totp::uri("danchu", "an.nguyen", secret).starts_with("otpauth://totp/danchu:"));
}

}  // namespace
}  // namespace danchu::identity
