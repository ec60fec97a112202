#pragma once
// One HTTP request as handlers see it: decoded path, query, headers, cookies, typed route
// parameters, form fields and uploads, and a slot where middleware attaches typed data (the
// web layer puts the session, actor and locale there). Input text is already checked at the
// boundary: the path has no ".." segment and is valid UTF-8, and every string taken from the
// query, form or route has passed ServerOptions::normalize_text (NFC in the app).
//
// Uploaded temp files are owned by the request and removed when it is destroyed, after the
// response has been written; a handler that keeps a file must move or copy it first.

#include <any>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "http/cookies.hpp"
#include "http/form.hpp"
#include "http/multipart.hpp"
#include "http/status.hpp"

namespace danchu::http {

using TextNormalizer = std::function<std::string(std::string_view)>;

class Request final {
  public:
    using Header = std::pair<std::string, std::string>;

    Request() = default;
    Request(const Request&) = delete;
    Request& operator=(const Request&) = delete;

    // --- Request line -------------------------------------------------------------------
    [[nodiscard]] Method method() const { return method_; }
    [[nodiscard]] std::string_view method_string() const { return method_string_; }
    /// The raw request-target, as received ("/o/x%20y?page=2").
    [[nodiscard]] std::string_view target() const { return target_; }
    /// The percent-decoded path ("/o/x y").
    [[nodiscard]] std::string_view path() const { return path_; }
    [[nodiscard]] const std::vector<std::string>& path_segments() const { return segments_; }
    [[nodiscard]] const FormFields& query() const { return query_; }
    [[nodiscard]] std::optional<std::string_view> query(std::string_view key) const {
        return query_.get(key);
    }

    /// Splits and decodes a request-target. Fails with InvalidInput when the target is not an
    /// absolute path, has a bad escape, a NUL, a "." or ".." segment, or decodes to invalid
    /// UTF-8 (the session answers 400). Query keys and values pass through `normalize`.
    [[nodiscard]] danchu::Status set_target(std::string target,
                                            const TextNormalizer& normalize = {});

    // --- Headers and cookies ------------------------------------------------------------
    [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
    [[nodiscard]] const std::vector<Header>& headers() const { return headers_; }
    [[nodiscard]] std::optional<std::string_view> cookie(std::string_view name) const;
    [[nodiscard]] const Cookies& cookies() const { return cookies_; }
    /// The media type without parameters, lower-cased ("multipart/form-data").
    [[nodiscard]] std::string content_type() const;

    // --- Connection ---------------------------------------------------------------------
    [[nodiscard]] std::string_view remote_address() const { return remote_address_; }
    [[nodiscard]] std::uint16_t remote_port() const { return remote_port_; }
    /// Generated per request and echoed as X-Request-Id; shown on 500 pages and in logs.
    [[nodiscard]] std::string_view request_id() const { return request_id_; }

    // --- Route --------------------------------------------------------------------------
    [[nodiscard]] std::string_view route_name() const { return route_name_; }
    /// A route parameter as text, empty if the route has no such parameter.
    [[nodiscard]] std::string_view param(std::string_view name) const;
    /// A route parameter as an integer. Fails with NotFound ("http.error.bad_param") when it is
    /// missing or not a base-10 int64, so a handler can return the error as a 404.
    [[nodiscard]] Result<std::int64_t> param_int(std::string_view name) const;
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& params() const {
        return params_;
    }

    // --- Body ---------------------------------------------------------------------------
    /// Fields from an urlencoded or multipart body (repeated keys kept in order).
    [[nodiscard]] const FormFields& form() const { return form_; }
    [[nodiscard]] std::optional<std::string_view> form(std::string_view key) const {
        return form_.get(key);
    }
    [[nodiscard]] const std::vector<UploadedFile>& files() const { return files_; }
    /// The body for content types other than forms (bounded by the route's body limit).
    [[nodiscard]] std::string_view body() const { return body_; }

    // --- Attributes (middleware data) ---------------------------------------------------
    /// Stores a value of type T, replacing any earlier one, and returns it.
    template <class T, class... Args>
    T& set_attribute(Args&&... args) {
        auto p = std::make_shared<T>(std::forward<Args>(args)...);
        T& ref = *p;
        attributes_[std::type_index(typeid(T))] = std::move(p);
        return ref;
    }
    /// The stored T, or nullptr.
    template <class T>
    [[nodiscard]] T* attribute() const {
        auto it = attributes_.find(std::type_index(typeid(T)));
        return it == attributes_.end() ? nullptr : static_cast<T*>(it->second.get());
    }

    /// Why the session rejected the request, for error renderers: the config key of the limit
    /// that was hit ("http.body_limit"), or empty.
    [[nodiscard]] std::string_view error_detail() const { return error_detail_; }

    // --- Filled by the session and by tests ---------------------------------------------
    void set_method(Method m, std::string method_string) {
        method_ = m;
        method_string_ = std::move(method_string);
    }
    void add_header(std::string name, std::string value);
    void set_remote(std::string address, std::uint16_t port) {
        remote_address_ = std::move(address);
        remote_port_ = port;
    }
    void set_request_id(std::string id) { request_id_ = std::move(id); }
    void set_route(std::string name, std::vector<std::pair<std::string, std::string>> params) {
        route_name_ = std::move(name);
        params_ = std::move(params);
    }
    void set_form(FormFields f) { form_ = std::move(f); }
    void set_files(std::vector<UploadedFile> files, TempFiles owner) {
        files_ = std::move(files);
        temp_files_.adopt(std::move(owner));
    }
    void set_body(std::string body) { body_ = std::move(body); }
    void set_error_detail(std::string d) { error_detail_ = std::move(d); }

  private:
    Method method_ = Method::unknown;
    std::string method_string_;
    std::string target_;
    std::string path_ = "/";
    std::vector<std::string> segments_;
    FormFields query_;
    std::vector<Header> headers_;
    Cookies cookies_;
    std::string remote_address_;
    std::uint16_t remote_port_ = 0;
    std::string request_id_;
    std::string route_name_;
    std::vector<std::pair<std::string, std::string>> params_;
    FormFields form_;
    std::vector<UploadedFile> files_;
    std::string body_;
    std::string error_detail_;
    std::unordered_map<std::type_index, std::shared_ptr<void>> attributes_;
    // Declared last so temp files outlive nothing that points at them.
    TempFiles temp_files_;
};

/// A fresh random request id (16 lowercase hex digits).
[[nodiscard]] std::string make_request_id();

}  // namespace danchu::http
