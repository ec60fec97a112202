#include "modules/disclosures/verify_cli.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "modules/disclosures/ledger.hpp"

namespace danchu::disclosures {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

struct Target {
    std::string host, port, path;
};

// Plain http://HOST[:PORT]/PATH only: verification needs no secrecy, and a TLS site can be
// verified from a downloaded file.
std::optional<Target> parse_url(const std::string& url) {
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0) return std::nullopt;
    const auto rest = url.substr(scheme.size());
    const auto slash = rest.find('/');
    const auto authority = rest.substr(0, slash);
    Target t;
    t.path = slash == std::string::npos ? "" : rest.substr(slash);
    while (!t.path.empty() && t.path.back() == '/') t.path.pop_back();
    const auto colon = authority.rfind(':');
    if (colon == std::string::npos) {
        t.host = authority;
        t.port = "80";
    } else {
        t.host = authority.substr(0, colon);
        t.port = authority.substr(colon + 1);
    }
    if (t.host.empty() || t.port.empty() || t.path.empty()) return std::nullopt;
    return t;
}

std::optional<std::string> fetch(const Target& t, const std::string& path, std::string& error) {
    try {
        net::io_context ioc;
        net::ip::tcp::resolver resolver(ioc);
        beast::tcp_stream stream(ioc);
        stream.expires_after(std::chrono::seconds(30));
        stream.connect(resolver.resolve(t.host, t.port));
        bhttp::request<bhttp::empty_body> req{bhttp::verb::get, path, 11};
        req.set(bhttp::field::host, t.host);
        req.set(bhttp::field::user_agent, "danchu-verify-ledger");
        bhttp::write(stream, req);
        beast::flat_buffer buffer;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(512u * 1024 * 1024);
        bhttp::read(stream, buffer, parser);
        beast::error_code ec;
        stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
        auto res = parser.release();
        if (res.result() != bhttp::status::ok) {
            error = path + ": HTTP " + std::to_string(res.result_int());
            return std::nullopt;
        }
        return std::move(res.body());
    } catch (const std::exception& e) {
        error = path + ": " + e.what();
        return std::nullopt;
    }
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int run(const std::string& url, const std::string& file, const std::string& key_arg) {
    std::string jsonl, key_text, error;
    if (!url.empty()) {
        if (!file.empty()) {
            std::cerr << "danchu verify-ledger: give --url, or --file with --key\n";
            return 2;
        }
        auto t = parse_url(url);
        if (!t) {
            std::cerr << "danchu verify-ledger: --url must look like http://HOST:PORT/o/<slug>\n";
            return 2;
        }
        auto body = fetch(*t, t->path + "/ledger.jsonl", error);
        if (!body) {
            std::cerr << "danchu verify-ledger: " << error << "\n";
            return 2;
        }
        jsonl = std::move(*body);
        if (key_arg.empty()) {
            auto key = fetch(*t, t->path + "/ledger/key", error);
            if (!key) {
                std::cerr << "danchu verify-ledger: " << error << "\n";
                return 2;
            }
            key_text = std::move(*key);
        }
    } else {
        if (file.empty() || key_arg.empty()) {
            std::cerr << "danchu verify-ledger: give --url, or --file with --key\n";
            return 2;
        }
        auto body = read_file(file);
        if (!body) {
            std::cerr << "danchu verify-ledger: cannot read " << file << "\n";
            return 2;
        }
        jsonl = std::move(*body);
    }
    if (!key_arg.empty()) {
        // A key given on the command line (pinned) wins over the served one.
        if (auto f = read_file(key_arg))
            key_text = *f;
        else
            key_text = key_arg;
    }
    auto key = ledger::parse_public_key(key_text);
    if (!key) {
        std::cerr
            << "danchu verify-ledger: the key is not an Ed25519 public key (64 hex characters)\n";
        return 2;
    }
    const auto v = ledger::verify(jsonl, *key);
    if (!v.ok) {
        std::cout << "FAIL entry " << *v.first_bad << ": " << v.reason << "\n";
        return 1;
    }
    std::cout << "OK " << v.entries << " entries"
              << (v.entries ? ", head " + v.head_hash : std::string{}) << "\n";
    return 0;
}

}  // namespace

void add_verify_ledger_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "verify-ledger", "Verify an organisation's disclosure ledger (hash chain and signatures)");
    auto url = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    auto key = std::make_shared<std::string>();
    cmd->add_option("--url", *url, "The organisation's address: http://HOST:PORT/o/<slug>");
    cmd->add_option("--file", *file, "A downloaded ledger.jsonl");
    cmd->add_option("--key", *key, "The public key: 64 hex characters, or a file holding it");
    cmd->callback([&exit_code, url, file, key] { exit_code = run(*url, *file, *key); });
}

}  // namespace danchu::disclosures
