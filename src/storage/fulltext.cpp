#include "storage/fulltext.hpp"

#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/transaction.hpp"

namespace danchu::storage::fulltext {

namespace {

bool word_char(UChar32 c) {
    if (c < 0) return false;  // invalid UTF-8
    if (u_isalnum(c)) return true;
    // Decomposed input ("e" + combining circumflex) keeps its marks inside the word.
    const auto type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

void check_identifier(std::string_view name) {
    const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!ok) throw std::invalid_argument("fulltext: bad index name " + std::string(name));
}

// ---- SQLite: the `danchu` tokenizer --------------------------------------------------------

// unicode61 as found on the connection; one per registration, freed by SQLite.
struct Base {
    fts5_tokenizer api{};
    void* context = nullptr;
};

struct Instance {
    Base* base = nullptr;
    Fts5Tokenizer* inner = nullptr;
};

using TokenFn = int (*)(void*, int, const char*, int, int, int);

struct Relay {
    void* ctx;
    TokenFn token;
    std::string buffer;
};

// đ is U+0111 (C4 91), Đ U+0110 (C4 90): neither decomposes, so remove_diacritics leaves them.
int relay_token(void* p, int flags, const char* text, int n, int start, int end) {
    auto* r = static_cast<Relay*>(p);
    const std::string_view token(text, static_cast<std::size_t>(n));
    if (token.find('\xC4') == std::string_view::npos)
        return r->token(r->ctx, flags, text, n, start, end);
    r->buffer.clear();
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '\xC4' && i + 1 < token.size() &&
            (token[i + 1] == '\x91' || token[i + 1] == '\x90')) {
            r->buffer += 'd';
            ++i;
        } else {
            r->buffer += token[i];
        }
    }
    return r->token(r->ctx, flags, r->buffer.data(), static_cast<int>(r->buffer.size()), start,
                    end);
}

int create(void* context, const char** args, int n_args, Fts5Tokenizer** out) {
    auto* base = static_cast<Base*>(context);
    std::vector<const char*> all = {"remove_diacritics", "2"};
    for (int i = 0; i < n_args; ++i) all.push_back(args[i]);
    auto* inst = new Instance{base, nullptr};
    const int rc =
        base->api.xCreate(base->context, all.data(), static_cast<int>(all.size()), &inst->inner);
    if (rc != SQLITE_OK) {
        delete inst;
        return rc;
    }
    *out = reinterpret_cast<Fts5Tokenizer*>(inst);
    return SQLITE_OK;
}

void destroy_instance(Fts5Tokenizer* t) {
    auto* inst = reinterpret_cast<Instance*>(t);
    inst->base->api.xDelete(inst->inner);
    delete inst;
}

int tokenize(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int n, TokenFn token) {
    auto* inst = reinterpret_cast<Instance*>(t);
    Relay relay{ctx, token, {}};
    return inst->base->api.xTokenize(inst->inner, &relay, flags, text, n, relay_token);
}

void destroy_base(void* p) { delete static_cast<Base*>(p); }

}  // namespace

std::vector<std::string> index_ddl(Dialect dialect, std::string_view name) {
    check_identifier(name);
    const std::string n(name);
    if (dialect == Dialect::Sqlite)
        return {"CREATE VIRTUAL TABLE " + n +
                " USING fts5(doc, tokenize = 'danchu', prefix = '2 3 4 5 6 7')"};
    return {
        "SELECT pg_advisory_xact_lock(7262847)",
        "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
        "CREATE OR REPLACE FUNCTION danchu_fts_fold(text) RETURNS text LANGUAGE sql IMMUTABLE "
        "STRICT PARALLEL SAFE AS 'SELECT lower(public.unaccent(CAST(''public.unaccent'' AS "
        "regdictionary), $1))'",
        "CREATE TABLE " + n + " (rowid BIGINT PRIMARY KEY, doc TEXT NOT NULL)",
        "CREATE INDEX " + n + "_doc ON " + n +
            " USING GIN (to_tsvector('simple', danchu_fts_fold(doc)))",
    };
}

Search parse(std::string_view input) {
    Search s;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(input.data());
    const auto length = static_cast<std::int32_t>(
        std::min<std::size_t>(input.size(), std::numeric_limits<std::int32_t>::max()));
    std::int32_t i = 0;
    std::string word;
    auto flush = [&] {
        if (!word.empty() && s.words.size() < kMaxWords) s.words.push_back(word);
        word.clear();
    };
    while (i < length && s.words.size() < kMaxWords) {
        const std::int32_t at = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (!word_char(c)) {
            flush();
            continue;
        }
        const auto len = static_cast<std::size_t>(i - at);
        if (word.size() + len <= kMaxWordBytes) word.append(input.substr(at, len));
        // Longer words are cut at a character boundary: as a prefix the cut word still finds
        // the whole one.
    }
    flush();
    return s;
}

std::string query_text(Dialect dialect, const Search& search) {
    // Words hold letters, digits and marks only, so the quotes are never needed for escaping;
    // they make sure an engine reads each word as a term, never as an operator (NEAR, AND...).
    std::string out;
    for (const auto& w : search.words) {
        if (dialect == Dialect::Sqlite) {
            if (!out.empty()) out += ' ';
            out += '"' + w + "\"*";
        } else {
            if (!out.empty()) out += " & ";
            out += '\'' + w + "':*";
        }
    }
    return out;
}

std::string match_condition(Dialect dialect, std::string_view index, std::string_view bind) {
    check_identifier(index);
    check_identifier(bind);
    const std::string name(index), param(bind);
    if (dialect == Dialect::Sqlite) return name + " MATCH :" + param;
    // The query is folded by the same function as the documents, so both agree on đ and marks.
    return "to_tsvector('simple', danchu_fts_fold(" + name +
           ".doc)) @@ to_tsquery('simple', danchu_fts_fold(CAST(:" + param + " AS TEXT)))";
}

std::string match_rowids(Dialect dialect, std::string_view index, std::string_view bind) {
    return "SELECT rowid FROM " + std::string(index) + " WHERE " +
           match_condition(dialect, index, bind);
}

Status put(Transaction& tx, std::string_view index, std::int64_t rowid, const std::string& doc) {
    check_identifier(index);
    if (auto s = remove(tx, index, rowid); !s) return s;
    std::string text = doc;
    std::erase(text, '\0');  // PostgreSQL text cannot hold NUL
    auto n = tx.exec("INSERT INTO " + std::string(index) + " (rowid, doc) VALUES (:id, :doc)",
                     use(rowid, "id"), use(text, "doc"));
    if (!n) return n.error();
    return {};
}

Status remove(Transaction& tx, std::string_view index, std::int64_t rowid) {
    check_identifier(index);
    auto n = tx.exec("DELETE FROM " + std::string(index) + " WHERE rowid = :id", use(rowid, "id"));
    if (!n) return n.error();
    return {};
}

namespace native_hook {

int register_sqlite_tokenizer(void* connection) {
    auto* db = static_cast<sqlite3*>(connection);
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return rc;
    if (api == nullptr || api->iVersion < 2) return SQLITE_ERROR;
    auto* base = new Base;
    rc = api->xFindTokenizer(api, "unicode61", &base->context, &base->api);
    if (rc != SQLITE_OK) {
        delete base;
        return rc;
    }
    fts5_tokenizer ours{create, destroy_instance, tokenize};
    // Fails only for lack of memory; `base` is then leaked, once per connection at most.
    return api->xCreateTokenizer(api, "danchu", base, &ours, destroy_base);
}

}  // namespace native_hook

}  // namespace danchu::storage::fulltext
