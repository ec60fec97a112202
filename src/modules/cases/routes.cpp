#include "modules/cases/routes.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "http/errors.hpp"
#include "modules/cases/intake.hpp"

namespace danchu::cases {

namespace {

using http::Request;
using http::Response;
using identity::context;
using identity::error_page;
using identity::page;
using identity::tr;
using identity::url;

std::string dmy(Date d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                  static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
    return buf;
}

std::string when(long long unix) {
    const auto local = from_unix_seconds(unix) + kVietnamOffset;
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::hh_mm_ss hms{local - day};
    // Hours 0–23 and minutes 0–59: two digits each.
    const auto hours = static_cast<unsigned>(hms.hours().count()) % 24;
    const auto minutes = static_cast<unsigned>(hms.minutes().count()) % 60;
    const char time[] = {
        static_cast<char>('0' + hours / 10),   static_cast<char>('0' + hours % 10),   ':',
        static_cast<char>('0' + minutes / 10), static_cast<char>('0' + minutes % 10), '\0'};
    return dmy(Date{day}) + " " + time;
}

std::string fill(std::string text, std::string_view marker, const std::string& value) {
    if (auto at = text.find(marker); at != std::string::npos)
        text.replace(at, marker.size(), value);
    return text;
}

// At most `n` bytes of `text`, cut at a character boundary.
std::string utf8_prefix(const std::string& text, std::size_t n) {
    if (text.size() <= n) return text;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return text.substr(0, n);
}

std::string form(const Request& req, std::string_view key) {
    return std::string(req.form(key).value_or(""));
}

Response not_found(CasesWeb& s, Request& req) {
    return error_page(s.web, req, fail(ErrorCode::NotFound, "cases.error.not_found"));
}

std::string kind_label(CasesWeb& s, Request& req, CaseKind k) {
    return tr(s.web, req, "cases.kind." + std::string(to_string(k)));
}
std::string status_label(CasesWeb& s, Request& req, CaseStatus st) {
    return tr(s.web, req, "cases.status." + std::string(to_string(st)));
}
std::string channel_label(CasesWeb& s, Request& req, Channel c) {
    return tr(s.web, req, "cases.channel." + std::string(to_string(c)));
}

template <class E, std::size_t N>
web::List options(CasesWeb& s, Request& req, const E (&all)[N], std::string_view prefix,
                  std::string_view selected, bool include_any) {
    web::List out;
    if (include_any) {
        web::Data o;
        o.set("value", "");
        o.set("label", tr(s.web, req, "cases.any"));
        o.set("selected", selected.empty());
        out.push_back(o);
    }
    for (E e : all) {
        web::Data o;
        o.set("value", std::string(to_string(e)));
        o.set("label", tr(s.web, req, std::string(prefix) + std::string(to_string(e))));
        o.set("selected", to_string(e) == selected);
        out.push_back(o);
    }
    return out;
}

void set_due(CasesWeb& s, web::Data& d, const Case& c) {
    if (c.due) {
        d.set("due", dmy(c.due->date));
        d.set("due_basis", c.due->basis);
        d.set("overdue", is_open(c.status) && std::chrono::sys_days{c.due->date} <
                                                  std::chrono::sys_days{s.cases.clock.today()});
    } else {
        d.set("no_due", true);
    }
}

web::Data case_row(CasesWeb& s, Request& req, const identity::Organisation& org, const Case& c) {
    web::Data d;
    d.set("number", c.number);
    d.set("href",
          url(s.web, "cases.show", {{"slug", org.slug}, {"id", std::to_string(c.id.value)}}));
    d.set("subject", c.subject);
    d.set("kind", kind_label(s, req, c.kind));
    d.set("channel", channel_label(s, req, c.channel));
    d.set("status", status_label(s, req, c.status));
    d.set("assignee", c.assignee_name);
    d.set("received_on", dmy(c.received_on));
    set_due(s, d, c);
    return d;
}

// A list row: only what the list templates show. The labels are translated once per page
// and the case links share one prefix, since a page has up to a few hundred rows.
class ListRows {
  public:
    ListRows(CasesWeb& s, Request& req, const identity::Organisation& org)
        : s_(s), req_(req), prefix_(url(s.web, "cases.list", {{"slug", org.slug}}) + "/") {}

    web::Data row(const Case& c) {
        web::Data d;
        d.set("number", c.number);
        d.set("href", prefix_ + std::to_string(c.id.value));
        d.set("subject", c.subject);
        d.set("kind", label(kinds_, c.kind, [&] { return kind_label(s_, req_, c.kind); }));
        d.set("channel",
              label(channels_, c.channel, [&] { return channel_label(s_, req_, c.channel); }));
        d.set("status",
              label(statuses_, c.status, [&] { return status_label(s_, req_, c.status); }));
        d.set("assignee", c.assignee_name);
        if (c.due) {
            d.set("due", dmy(c.due->date));
            d.set("overdue", is_open(c.status) && std::chrono::sys_days{c.due->date} <
                                                      std::chrono::sys_days{today_});
        }
        return d;
    }

  private:
    template <class E, class F>
    const std::string& label(std::map<E, std::string>& cache, E e, F&& make) {
        auto it = cache.find(e);
        if (it == cache.end()) it = cache.emplace(e, make()).first;
        return it->second;
    }

    CasesWeb& s_;
    Request& req_;
    std::string prefix_;
    Date today_ = s_.cases.clock.today();
    std::map<CaseKind, std::string> kinds_;
    std::map<Channel, std::string> channels_;
    std::map<CaseStatus, std::string> statuses_;
};

// An empty list set under `name` in `data`, to be filled in place: kainjow's set() copies its
// argument twice, which for a page of rows is most of the time spent building the page.
web::Data& list_in_place(web::Data& data, const std::string& name) {
    data.set(name, web::Data(web::Data::type::list));
    return *const_cast<web::Data*>(data.get(name));  // `data` is ours and not const
}

std::optional<identity::Organisation> org_of(CasesWeb& s, Request& req) {
    return identity::find_organisation(s.web.identity, std::string(req.param("slug")));
}

// ---- Public form ----

Response new_form(CasesWeb& s, Request& req, const identity::Organisation& org,
                  const std::optional<Error>& error = {}, http::Status status = http::Status::ok) {
    auto& ctx = context(req);
    const bool staff =
        can(ctx.actor, CaseAction::Enter, {org.id, CaseKind::Unclassified, std::nullopt});
    web::Data data;
    data.set("org_name", org.name);
    data.set("action", url(s.web, "cases.create", {{"slug", org.slug}}));
    data.set("track_href", url(s.web, "cases.track"));
    data.set("staff", staff);
    data.set("kinds",
             options(s, req, kAllKinds, "cases.kind.",
                     form(req, "kind").empty() ? "unclassified" : form(req, "kind"), false));
    data.set("channels",
             options(s, req, kAllChannels, "cases.channel.", form(req, "channel"), false));
    for (const char* f :
         {"subject", "body", "respondent", "name", "address", "contact", "received_on"})
        data.set(f, form(req, f));
    data.set("anonymous", req.form("anonymous").has_value());
    if (error) {
        data.set("error", tr(s.web, req, error->message_key));
        data.set("errors", identity::field_errors(s.web, req, *error));
    }
    identity::PageOptions o{.status = status,
                            .org_nav = identity::org_navigation(s.web, req, org, "cases.new")};
    return page(s.web, req, "cases/new", data, tr(s.web, req, "cases.new_title"), o);
}

Response new_page(CasesWeb& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    return new_form(s, req, *org);
}

Response filed_page(CasesWeb& s, Request& req, const identity::Organisation& org,
                    const Filed& filed) {
    web::Data data;
    data.set("org_name", org.name);
    data.set("code", filed.receipt_code);
    data.set("number", filed.number);
    data.set("case_id", std::to_string(filed.id.value));
    data.set("kind", kind_label(s, req, filed.kind));
    data.set("anonymous", filed.kind == CaseKind::AnonymousReport);
    if (filed.due) {
        data.set("due", dmy(filed.due->date));
        data.set("due_basis", filed.due->basis);
    }
    data.set("track_href", url(s.web, "cases.track"));
    auto res = page(s.web, req, "cases/filed", data, tr(s.web, req, "cases.filed_title"));
    // Shown once: no cache may keep the page that holds the code.
    res.set_header("Cache-Control", "no-store");
    return res;
}

Response create(CasesWeb& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    NewCase in;
    auto kind = parse_kind(form(req, "kind"));
    if (!kind)
        return new_form(s, req, *org, fail(ErrorCode::InvalidInput, "cases.error.bad_kind"),
                        http::Status::bad_request);
    in.kind = *kind;
    in.channel = Channel::Web;
    if (auto ch = form(req, "channel"); !ch.empty() && ch != "web") {
        auto parsed = parse_channel(ch);
        if (!parsed)
            return new_form(s, req, *org, fail(ErrorCode::InvalidInput, "cases.error.bad_channel"),
                            http::Status::bad_request);
        in.channel = *parsed;
    }
    if (auto d = form(req, "received_on"); !d.empty()) {
        auto parsed = parse_iso_date(d);
        if (!parsed)
            return new_form(s, req, *org, fail(ErrorCode::InvalidInput, "cases.error.bad_date"),
                            http::Status::bad_request);
        in.received_on = *parsed;
    }
    in.subject = form(req, "subject");
    in.body = form(req, "body");
    in.respondent = form(req, "respondent");
    in.identity = {form(req, "name"), form(req, "address"), form(req, "contact")};
    in.anonymous = req.form("anonymous").has_value();
    for (const auto& f : req.files()) {
        if (f.field != "attachments" || (f.filename.empty() && f.size == 0)) continue;
        if (f.size > kMaxAttachmentBytes) {
            return new_form(s, req, *org,
                            fail(ErrorCode::InvalidInput, "error.invalid_input",
                                 {{"attachments", "cases.error.file_too_large"}}),
                            http::Status::unprocessable_entity);
        }
        // Only the first bytes are read here (the type); the file is sealed as it is read.
        NewAttachment a;
        a.filename = f.filename;
        a.path = f.temp_path;
        a.size = static_cast<long long>(f.size);
        std::ifstream file(f.temp_path, std::ios::binary);
        a.head.resize(16);
        file.read(a.head.data(), static_cast<std::streamsize>(a.head.size()));
        a.head.resize(static_cast<std::size_t>(file.gcount()));
        in.attachments.push_back(std::move(a));
    }
    auto filed = file_case(s.cases, ctx.actor, *org, std::move(in));
    if (!filed) {
        if (filed.error().code == ErrorCode::Unauthenticated ||
            filed.error().code == ErrorCode::Forbidden)
            return error_page(s.web, req, filed.error());
        return new_form(s, req, *org, filed.error(), http::status_for(filed.error().code));
    }
    return filed_page(s, req, *org, *filed);
}

// ---- Tracking ----

Response track_page(CasesWeb& s, Request& req, const std::optional<TrackView>& view,
                    const std::string& code, const std::optional<Error>& error,
                    http::Status status = http::Status::ok, bool sent = false, bool rated = false) {
    web::Data data;
    data.set("action", url(s.web, "cases.track.submit"));
    data.set("message_action", url(s.web, "cases.track.message"));
    data.set("rate_action", url(s.web, "cases.track.rate"));
    data.set("rated", rated);
    if (error) {
        data.set("error", tr(s.web, req, error->message_key));
        data.set("errors", identity::field_errors(s.web, req, *error));
    }
    data.set("sent", sent);
    if (view) {
        web::Data c;
        c.set("code", code);
        c.set("number", view->c.number);
        c.set("subject", view->c.subject);
        c.set("kind", kind_label(s, req, view->c.kind));
        c.set("status", status_label(s, req, view->c.status));
        c.set("received_on", dmy(view->c.received_on));
        c.set("outcome", view->c.outcome);
        c.set("forwarded_to", view->c.forwarded_to);
        set_due(s, c, view->c);
        web::List msgs;
        for (const auto& m : view->messages) {
            web::Data md;
            md.set("at", when(m.at));
            md.set("from_citizen", m.from_citizen);
            md.set("body", m.body);
            msgs.push_back(md);
        }
        c.set("messages", msgs);
        c.set("has_messages", !view->messages.empty());
        c.set("closed", view->c.status == CaseStatus::Closed);
        data.set("case", c);
    }
    auto res = page(s.web, req, "cases/track", data, tr(s.web, req, "cases.track_title"),
                    {.status = status});
    res.set_header("Cache-Control", "no-store");
    return res;
}

Response track_submit(CasesWeb& s, Request& req) {
    const std::string code = form(req, "code");
    auto v = track(s.cases, code, std::string(req.remote_address()));
    if (!v)
        return track_page(s, req, std::nullopt, "", v.error(), http::status_for(v.error().code));
    return track_page(s, req, *v, code, std::nullopt);
}

Response track_message(CasesWeb& s, Request& req) {
    const std::string code = form(req, "code");
    const std::string ip(req.remote_address());
    auto st = citizen_message(s.cases, code, ip, form(req, "body"));
    if (!st && st.error().code != ErrorCode::InvalidInput)
        return track_page(s, req, std::nullopt, "", st.error(), http::status_for(st.error().code));
    auto v = track(s.cases, code, ip);
    if (!v)
        return track_page(s, req, std::nullopt, "", v.error(), http::status_for(v.error().code));
    if (!st) return track_page(s, req, *v, code, st.error(), http::status_for(st.error().code));
    return track_page(s, req, *v, code, std::nullopt, http::Status::ok, true);
}

Response track_rate(CasesWeb& s, Request& req) {
    const std::string code = form(req, "code");
    const std::string ip(req.remote_address());
    Rating r;
    try {
        r.score = std::stoi(form(req, "score"));
    } catch (const std::exception&) {
        r.score = 0;
    }
    r.comment = form(req, "comment");
    auto st = rate(s.cases, code, ip, r);
    if (!st &&
        (st.error().code == ErrorCode::TooManyRequests || st.error().code == ErrorCode::NotFound))
        return track_page(s, req, std::nullopt, "", st.error(), http::status_for(st.error().code));
    auto v = track(s.cases, code, ip);
    if (!v)
        return track_page(s, req, std::nullopt, "", v.error(), http::status_for(v.error().code));
    if (!st) return track_page(s, req, *v, code, st.error(), http::status_for(st.error().code));
    return track_page(s, req, *v, code, std::nullopt, http::Status::ok, false, true);
}

// ---- Reception (R-TCD-01/02) ----

Response reception_page(CasesWeb& s, Request& req, const std::optional<Error>& error = {},
                        http::Status status = http::Status::ok) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    auto r = reception(s.cases, ctx.actor, *org);
    if (!r) return error_page(s.web, req, r.error());
    web::Data data;
    data.set("org_name", org->name);
    data.set("place", r->info.place);
    data.set("hours", r->info.hours);
    data.set("hotline", r->info.hotline);
    data.set("rules", r->info.rules);
    web::List days;
    for (const auto& d : r->upcoming) {
        web::Data dd;
        dd.set("day", dmy(d.day));
        dd.set("hours", d.hours);
        dd.set("place", d.place);
        dd.set("host", d.host);
        dd.set("topics", d.topics);
        dd.set("posted", dmy(d.posted_on));
        days.push_back(dd);
    }
    data.set("days", days);
    data.set("no_days", days.empty());
    web::List warnings;
    for (const auto& w : r->warnings) {
        std::string key =
            w.kind == ReceptionWarning::Kind::MissingMonth  ? "cases.warn_missing_month"
            : w.kind == ReceptionWarning::Kind::MissingWeek ? "cases.warn_missing_week"
                                                            : "cases.warn_late_posting";
        std::string period = w.kind == ReceptionWarning::Kind::MissingMonth
                                 ? dmy(w.period_start).substr(3)
                                 : dmy(w.period_start);
        std::string text = fill(tr(s.web, req, key), "{period}", period);
        if (w.kind == ReceptionWarning::Kind::LatePosting)
            text = fill(text, "{latest}", dmy(w.latest_posting));
        web::Data wd;
        wd.set("text", text);
        warnings.push_back(wd);
    }
    data.set("warnings", warnings);
    data.set("can_edit", r->can_edit);
    data.set("add_action", url(s.web, "cases.reception.add", {{"slug", org->slug}}));
    data.set("info_action", url(s.web, "cases.reception.info", {{"slug", org->slug}}));
    data.set("new_href", url(s.web, "cases.new", {{"slug", org->slug}}));
    if (can(ctx.actor, CaseAction::ReceptionLog, {org->id, CaseKind::Unclassified, std::nullopt}))
        data.set("log_href", url(s.web, "cases.reception.log", {{"slug", org->slug}}));
    if (error) {
        data.set("error", tr(s.web, req, error->message_key));
        data.set("errors", identity::field_errors(s.web, req, *error));
    }
    identity::PageOptions o{
        .status = status, .org_nav = identity::org_navigation(s.web, req, *org, "cases.reception")};
    return page(s.web, req, "cases/reception", data,
                tr(s.web, req, "cases.reception_title") + " — " + org->name, o);
}

template <class F>
Response reception_act(CasesWeb& s, Request& req, F&& command) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    Status st = command(ctx.actor, *org);
    if (!st) {
        if (st.error().code == ErrorCode::InvalidInput || st.error().code == ErrorCode::Conflict)
            return reception_page(s, req, st.error(), http::status_for(st.error().code));
        return error_page(s.web, req, st.error());
    }
    return identity::redirect_with_flash(url(s.web, "cases.reception", {{"slug", org->slug}}),
                                         "cases.flash_saved");
}

Response reception_add(CasesWeb& s, Request& req) {
    return reception_act(
        s, req, [&](const identity::Actor& actor, const identity::Organisation& org) -> Status {
            auto day = parse_iso_date(form(req, "day"));
            if (!day)
                return fail(ErrorCode::InvalidInput, "cases.error.bad_date",
                            {{"day", "cases.error.bad_date"}});
            ReceptionDay d;
            d.day = *day;
            d.hours = form(req, "hours");
            d.place = form(req, "place");
            d.host = form(req, "host");
            d.topics = form(req, "topics");
            auto id = schedule_reception(s.cases, actor, org, d);
            if (!id) return id.error();
            return {};
        });
}

Response reception_info_save(CasesWeb& s, Request& req) {
    return reception_act(
        s, req, [&](const identity::Actor& actor, const identity::Organisation& org) {
            return set_reception_info(
                s.cases, actor, org,
                {form(req, "place"), form(req, "hours"), form(req, "hotline"), form(req, "rules")});
        });
}

// ---- Unit cases (phòng) ----

Response unit_page(CasesWeb& s, Request& req) {
    auto unit = org_of(s, req);
    if (!unit) return not_found(s, req);
    auto& ctx = context(req);
    auto paging = web::parse_page_request(
        req.query("after").value_or(""), req.query("limit").value_or(""), s.web.config.page_limits);
    if (!paging)
        return error_page(s.web, req, fail(ErrorCode::InvalidInput, "web.error.bad_cursor"));
    auto list = unit_cases(s.cases, ctx.actor, *unit, paging->after, paging->limit);
    if (!list) {
        if (list.error().code == ErrorCode::NotFound) return not_found(s, req);
        return error_page(s.web, req, list.error());
    }
    auto agency = identity::find_organisation(s.web.identity, *unit->parent);
    if (!agency) return not_found(s, req);
    web::Data data;
    data.set("org_name", unit->name);
    data.set("parent_name", agency->name);
    web::List rows;
    ListRows make_row(s, req, *agency);
    for (const auto& c : list->items) {
        web::Data d = make_row.row(c);
        // The case page is for the agency's officers and the resolver; the unit's head
        // follows the list.
        if (!can(ctx.actor, CaseAction::View, {c.org, c.kind, c.assignee})) d.set("href", false);
        rows.push_back(std::move(d));
    }
    data.set("cases", rows);
    data.set("empty", rows.empty());
    if (list->next_after)
        data.set("next_href", url(s.web, "cases.unit", {{"slug", unit->slug}},
                                  {{"after", web::encode_cursor(*list->next_after)},
                                   {"limit", std::to_string(paging->limit)}}));
    if (!paging->after.empty())
        data.set("first_href", url(s.web, "cases.unit", {{"slug", unit->slug}}));
    identity::PageOptions o{.org_nav = identity::org_navigation(s.web, req, *unit, "cases.unit")};
    return page(s.web, req, "cases/unit", data,
                tr(s.web, req, "cases.unit_title") + " — " + unit->name, o);
}

// ---- Reception log (sổ tiếp công dân) ----

Response reception_log_page(CasesWeb& s, Request& req, const std::optional<Error>& error = {},
                            http::Status status = http::Status::ok) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    auto paging = web::parse_page_request(
        req.query("after").value_or(""), req.query("limit").value_or(""), s.web.config.page_limits);
    if (!paging)
        return error_page(s.web, req, fail(ErrorCode::InvalidInput, "web.error.bad_cursor"));
    auto log = reception_log(s.cases, ctx.actor, org->id, paging->after, paging->limit);
    if (!log) return error_page(s.web, req, log.error());
    web::Data data;
    data.set("org_name", org->name);
    data.set("add_action", url(s.web, "cases.reception.log.add", {{"slug", org->slug}}));
    data.set("reception_href", url(s.web, "cases.reception", {{"slug", org->slug}}));
    web::List kinds = options(s, req, kAllKinds, "cases.kind.", "", false);
    web::List rows;
    for (const auto& e : log->entries) {
        web::Data d;
        d.set("id", std::to_string(e.id));
        d.set("when", when(e.received_at));
        d.set("subject", e.subject);
        d.set("officer", e.officer_name);
        if (e.visitor) {
            d.set("visitor", e.visitor->name);
            d.set("visitor_address", e.visitor->address);
        } else {
            d.set("visitor_hidden", true);
        }
        if (e.case_id) {
            d.set("case_href",
                  url(s.web, "cases.show",
                      {{"slug", org->slug}, {"id", std::to_string(e.case_id->value)}}));
            d.set("case_number", std::to_string(e.case_id->value));
        } else {
            d.set("case_action", url(s.web, "cases.reception.log.case",
                                     {{"slug", org->slug}, {"entry", std::to_string(e.id)}}));
            d.set("kinds", kinds);
        }
        rows.push_back(std::move(d));
    }
    data.set("entries", rows);
    data.set("empty", rows.empty());
    if (log->next_after)
        data.set("next_href", url(s.web, "cases.reception.log", {{"slug", org->slug}},
                                  {{"after", web::encode_cursor(*log->next_after)},
                                   {"limit", std::to_string(paging->limit)}}));
    if (!paging->after.empty())
        data.set("first_href", url(s.web, "cases.reception.log", {{"slug", org->slug}}));
    if (error) {
        data.set("error", tr(s.web, req, error->message_key));
        data.set("errors", identity::field_errors(s.web, req, *error));
    }
    identity::PageOptions o{
        .status = status, .org_nav = identity::org_navigation(s.web, req, *org, "cases.reception")};
    return page(s.web, req, "cases/reception_log", data,
                tr(s.web, req, "cases.reception_log_title") + " — " + org->name, o);
}

Response reception_log_add(CasesWeb& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    NewReceptionEntry in;
    in.visitor = {form(req, "name"), form(req, "address"), form(req, "contact")};
    in.subject = form(req, "subject");
    auto id = log_reception(s.cases, ctx.actor, *org, in);
    if (!id) {
        if (id.error().code == ErrorCode::InvalidInput)
            return reception_log_page(s, req, id.error(), http::status_for(id.error().code));
        return error_page(s.web, req, id.error());
    }
    return identity::redirect_with_flash(url(s.web, "cases.reception.log", {{"slug", org->slug}}),
                                         "cases.flash_saved");
}

Response reception_log_case(CasesWeb& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    auto entry = req.param_int("entry");
    if (!entry) return not_found(s, req);
    auto kind = parse_kind(form(req, "kind"));
    if (!kind)
        return reception_log_page(s, req, fail(ErrorCode::InvalidInput, "cases.error.bad_kind"),
                                  http::Status::bad_request);
    NewCase in;
    in.kind = *kind;
    in.subject = form(req, "case_subject");
    in.body = form(req, "body");
    in.respondent = form(req, "respondent");
    auto filed = case_from_reception(s.cases, ctx.actor, *org, *entry, std::move(in));
    if (!filed) {
        const auto code = filed.error().code;
        if (code == ErrorCode::InvalidInput || code == ErrorCode::Conflict)
            return reception_log_page(s, req, filed.error(), http::status_for(code));
        if (code == ErrorCode::NotFound) return not_found(s, req);
        return error_page(s.web, req, filed.error());
    }
    return filed_page(s, req, *org, *filed);
}

// ---- Statistics ----

web::List bars(const std::vector<std::pair<std::string, long long>>& rows) {
    long long max = 1;
    for (const auto& [_, n] : rows) max = std::max(max, n);
    web::List out;
    int y = 0;
    for (const auto& [label, n] : rows) {
        web::Data b;
        b.set("label", label);
        b.set("n", std::to_string(n));
        b.set("y", std::to_string(y));
        b.set("text_y", std::to_string(y + 14));
        b.set("width", std::to_string(n * 300 / max));
        b.set("value_x", std::to_string(n * 300 / max + 205));
        out.push_back(b);
        y += 22;
    }
    return out;
}

std::string decimal(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string out(buf);
    for (auto& ch : out)
        if (ch == '.') ch = ',';
    return out;
}

Response stats_page(CasesWeb& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    const Date today = s.cases.clock.today();
    Date from = today.year() / std::chrono::January / 1, to = today;
    if (auto f = req.query("from"); f && !f->empty()) {
        auto d = parse_iso_date(*f);
        if (!d)
            return error_page(s.web, req, fail(ErrorCode::InvalidInput, "cases.error.bad_date"));
        from = *d;
    }
    if (auto t = req.query("to"); t && !t->empty()) {
        auto d = parse_iso_date(*t);
        if (!d)
            return error_page(s.web, req, fail(ErrorCode::InvalidInput, "cases.error.bad_date"));
        to = *d;
    }
    auto st = statistics(s.cases, ctx.actor, *org, from, to);
    if (!st) return error_page(s.web, req, st.error());
    if (req.query("format").value_or("") == "json") {
        nlohmann::json j;
        j["organisation"] = org->slug;
        j["from"] = iso_date(from);
        j["to"] = iso_date(to);
        j["received"] = st->received;
        j["accepted"] = st->accepted;
        j["resolved"] = st->resolved;
        j["on_time"] = st->on_time;
        j["late"] = st->late;
        j["average_days"] = st->average_days;
        j["ratings"] = st->ratings;
        j["average_rating"] = st->average_rating;
        for (const auto& [k, n] : st->by_kind) j["by_kind"][std::string(to_string(k))] = n;
        for (const auto& [c, n] : st->by_channel) j["by_channel"][std::string(to_string(c))] = n;
        auto res = Response::text(j.dump(2) + "\n");
        res.set_header("Content-Type", "application/json; charset=utf-8");
        return res;
    }
    web::Data data;
    data.set("org_name", org->name);
    data.set("from", iso_date(from));
    data.set("to", iso_date(to));
    data.set("action", url(s.web, "cases.stats", {{"slug", org->slug}}));
    data.set("json_href",
             url(s.web, "cases.stats", {{"slug", org->slug}},
                 {{"from", iso_date(from)}, {"to", iso_date(to)}, {"format", "json"}}));
    data.set("received", std::to_string(st->received));
    data.set("accepted", std::to_string(st->accepted));
    data.set("resolved", std::to_string(st->resolved));
    data.set("on_time", std::to_string(st->on_time));
    data.set("late", std::to_string(st->late));
    data.set("average_days", decimal(st->average_days));
    data.set("ratings", std::to_string(st->ratings));
    data.set("average_rating", decimal(st->average_rating));
    std::vector<std::pair<std::string, long long>> kinds, channels;
    for (CaseKind k : kAllKinds) {
        auto it = st->by_kind.find(k);
        kinds.push_back({kind_label(s, req, k), it == st->by_kind.end() ? 0 : it->second});
    }
    for (Channel c : kAllChannels) {
        auto it = st->by_channel.find(c);
        channels.push_back({channel_label(s, req, c), it == st->by_channel.end() ? 0 : it->second});
    }
    data.set("kinds", bars(kinds));
    data.set("kinds_height", std::to_string(kinds.size() * 22));
    data.set("channels", bars(channels));
    data.set("channels_height", std::to_string(channels.size() * 22));
    web::List officers;
    for (const auto& o : st->by_officer) {
        web::Data od;
        od.set("name", o.name);
        od.set("ratings", std::to_string(o.ratings));
        od.set("average", decimal(o.average));
        officers.push_back(od);
    }
    data.set("officers", officers);
    identity::PageOptions o{.org_nav = identity::org_navigation(s.web, req, *org, "cases.stats")};
    return page(s.web, req, "cases/stats", data,
                tr(s.web, req, "cases.stats_title") + " — " + org->name, o);
}

Response mine(CasesWeb& s, Request& req) {
    auto& ctx = context(req);
    if (!ctx.actor.is_signed_in())
        return error_page(s.web, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    web::List rows;
    for (const auto& c : cases_filed_by(s.cases, ctx.actor, 100)) {
        web::Data d;
        d.set("number", c.number);
        d.set("subject", c.subject);
        d.set("kind", kind_label(s, req, c.kind));
        d.set("status", status_label(s, req, c.status));
        d.set("received_on", dmy(c.received_on));
        d.set("outcome", c.outcome);
        set_due(s, d, c);
        rows.push_back(d);
    }
    web::Data data;
    data.set("cases", rows);
    data.set("empty", rows.empty());
    return page(s.web, req, "cases/mine", data, tr(s.web, req, "cases.mine_title"));
}

// ---- Officer workspace ----

Response list_page(CasesWeb& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    auto paging = web::parse_page_request(
        req.query("after").value_or(""), req.query("limit").value_or(""), s.web.config.page_limits);
    if (!paging)
        return error_page(s.web, req, fail(ErrorCode::InvalidInput, "web.error.bad_cursor"));
    CaseFilter f;
    f.after = paging->after;
    f.limit = paging->limit;
    const std::string view(req.query("view").value_or("all"));
    if (view == "mine")
        f.view = ListView::Mine;
    else if (view == "due_soon")
        f.view = ListView::DueSoon;
    else if (view == "overdue")
        f.view = ListView::Overdue;
    else if (view != "all")
        return error_page(s.web, req, fail(ErrorCode::InvalidInput, "error.bad_request"));
    const std::string kind(req.query("kind").value_or("")),
        status(req.query("status").value_or("")), channel(req.query("channel").value_or(""));
    if (!kind.empty() && !(f.kind = parse_kind(kind)))
        return error_page(s.web, req, fail(ErrorCode::InvalidInput, "cases.error.bad_kind"));
    if (!status.empty() && !(f.status = parse_status(status)))
        return error_page(s.web, req, fail(ErrorCode::InvalidInput, "cases.error.bad_status"));
    if (!channel.empty() && !(f.channel = parse_channel(channel)))
        return error_page(s.web, req, fail(ErrorCode::InvalidInput, "cases.error.bad_channel"));
    auto w = workspace(s.cases, ctx.actor, org->id, f);
    if (!w) return error_page(s.web, req, w.error());
    const Board* b = &w->board;
    const CaseList* list = &w->list;
    web::Data data;
    data.set("org_name", org->name);
    data.set("open", std::to_string(b->open));
    data.set("due_soon", std::to_string(b->due_soon));
    data.set("overdue_count", std::to_string(b->overdue));
    web::List counts;
    for (CaseStatus st : kAllStatuses) {
        web::Data d;
        d.set("label", status_label(s, req, st));
        auto it = b->by_status.find(st);
        d.set("n", std::to_string(it == b->by_status.end() ? 0 : it->second));
        counts.push_back(d);
    }
    data.set("counts", counts);
    web::List views;
    for (const char* v : {"all", "mine", "due_soon", "overdue"}) {
        web::Data d;
        d.set("href", url(s.web, "cases.list", {{"slug", org->slug}}, {{"view", v}}));
        d.set("label", tr(s.web, req, std::string("cases.view_") + v));
        d.set("current", view == v);
        views.push_back(d);
    }
    data.set("views", views);
    data.set("view", view);
    data.set("filter_action", url(s.web, "cases.list", {{"slug", org->slug}}));
    data.set("kinds", options(s, req, kAllKinds, "cases.kind.", kind, true));
    data.set("statuses", options(s, req, kAllStatuses, "cases.status.", status, true));
    data.set("channels", options(s, req, kAllChannels, "cases.channel.", channel, true));
    ListRows make_row(s, req, *org);
    web::Data& rows = list_in_place(data, "cases");
    for (const auto& c : list->items) rows.push_back(make_row.row(c));
    data.set("empty", list->items.empty());
    data.set("new_href", url(s.web, "cases.new", {{"slug", org->slug}}));
    if (list->next_after) {
        http::Params q{{"view", view},
                       {"after", web::encode_cursor(*list->next_after)},
                       {"limit", std::to_string(paging->limit)}};
        if (!kind.empty()) q.push_back({"kind", kind});
        if (!status.empty()) q.push_back({"status", status});
        if (!channel.empty()) q.push_back({"channel", channel});
        data.set("next_href", url(s.web, "cases.list", {{"slug", org->slug}}, q));
    }
    if (!paging->after.empty())
        data.set("first_href", url(s.web, "cases.list", {{"slug", org->slug}}, {{"view", view}}));
    identity::PageOptions o{.org_nav = identity::org_navigation(s.web, req, *org, "cases.list")};
    return page(s.web, req, "cases/list", data,
                tr(s.web, req, "cases.list_title") + " — " + org->name, o);
}

Response show(CasesWeb& s, Request& req, const std::optional<Error>& error = {},
              http::Status status = http::Status::ok,
              const std::optional<Identity>& revealed = {}) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    if (!ctx.actor.is_signed_in())
        return error_page(s.web, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    auto id = req.param_int("id");
    if (!id) return not_found(s, req);
    auto d = case_detail(s.cases, ctx.actor, org->id, CaseId{*id});
    if (!d) return error_page(s.web, req, d.error());
    const Case& c = d->c;
    const http::Params p{{"slug", org->slug}, {"id", std::to_string(c.id.value)}};
    web::Data data = case_row(s, req, *org, c);
    data.set("title", fill(tr(s.web, req, "cases.case_title"), "{number}", c.number));
    data.set("body", c.body);
    data.set("respondent", c.respondent);
    data.set("outcome", c.outcome);
    data.set("forwarded_to", c.forwarded_to);
    data.set("extensions", std::to_string(c.extensions));
    data.set("anonymous", c.anonymous);
    data.set("list_href", url(s.web, "cases.list", {{"slug", org->slug}}));
    if (d->reception_entry &&
        can(ctx.actor, CaseAction::ReceptionLog, {org->id, CaseKind::Unclassified, std::nullopt}))
        // The log page that starts with this entry.
        data.set("reception_entry_href",
                 url(s.web, "cases.reception.log", {{"slug", org->slug}},
                     {{"after", web::encode_cursor(std::to_string(*d->reception_entry + 1))}}) +
                     "#entry-" + std::to_string(*d->reception_entry));
    const auto* shown = revealed ? &*revealed : (d->identity ? &*d->identity : nullptr);
    if (shown) {
        web::Data i;
        i.set("name", shown->name);
        i.set("address", shown->address);
        i.set("contact", shown->contact);
        data.set("identity", i);
        data.set("revealed", revealed.has_value());
    }
    data.set("protected", d->identity_protected && !revealed);
    data.set("can_reveal", d->can_reveal && !revealed);
    data.set("reveal_action", url(s.web, "cases.reveal", p));
    web::List next;
    for (CaseStatus to : d->next) {
        web::Data n;
        n.set("value", std::string(to_string(to)));
        n.set("label", status_label(s, req, to));
        next.push_back(n);
    }
    data.set("next", next);
    data.set("has_next", !d->next.empty());
    data.set("at_intake", c.status == CaseStatus::Received);
    data.set("transition_action", url(s.web, "cases.transition", p));
    data.set("can_assign", d->can_assign);
    data.set("assign_action", url(s.web, "cases.assign", p));
    if (d->can_assign) {
        web::List people;
        for (const auto& person : resolvers(s.cases, c.org)) {
            web::Data o;
            o.set("value", std::to_string(person.id.value));
            o.set("label", person.full_name);
            o.set("selected", c.assignee && *c.assignee == person.id);
            people.push_back(o);
        }
        data.set("people", people);
    }
    data.set("can_extend", d->can_extend);
    data.set("extend_action", url(s.web, "cases.extend", p));
    const bool may_classify = c.status == CaseStatus::Received &&
                              can(ctx.actor, CaseAction::Classify, {c.org, c.kind, c.assignee});
    data.set("can_classify", may_classify);
    data.set("classify_action", url(s.web, "cases.classify", p));
    web::List kinds;
    for (CaseKind k : kAllKinds) {
        if (k == CaseKind::Unclassified) continue;
        web::Data o;
        o.set("value", std::string(to_string(k)));
        o.set("label", kind_label(s, req, k));
        o.set("selected", k == c.kind);
        kinds.push_back(o);
    }
    data.set("kinds", kinds);
    data.set("message_action", url(s.web, "cases.message", p));
    data.set("self_href", url(s.web, "cases.show", p));
    // Response templates: choosing one reloads the page with the text in the message box,
    // so it works without JavaScript; the officer edits it before sending.
    const std::string chosen(req.query("template").value_or(""));
    web::List templates;
    for (const char* key : {"acknowledge", "more_info", "accepted", "forwarded", "answer"}) {
        web::Data t;
        t.set("value", key);
        t.set("label", utf8_prefix(tr(s.web, req, std::string("cases.template.") + key), 60) + "…");
        t.set("selected", chosen == key);
        templates.push_back(t);
        if (chosen == key)
            data.set("message_text", tr(s.web, req, std::string("cases.template.") + key));
    }
    data.set("templates", templates);
    web::List files;
    int n = 0;
    for (const auto& a : d->attachments) {
        web::Data fd;
        fd.set("label", fill(tr(s.web, req, "cases.attachment_file"), "{n}", std::to_string(++n)));
        fd.set("type", a.content_type);
        fd.set("size", std::to_string((a.size + 1023) / 1024) + " KB");
        if (d->can_open_attachments)
            fd.set("href", url(s.web, "cases.file",
                               {{"slug", org->slug},
                                {"id", std::to_string(c.id.value)},
                                {"file", std::to_string(a.id)}}));
        files.push_back(fd);
    }
    data.set("attachments", files);
    data.set("has_attachments", !files.empty());
    web::List events, messages, notes;
    for (const auto& e : d->events) {
        web::Data ed;
        ed.set("at", when(e.at));
        auto as_status = parse_status(e.action);
        ed.set("action", as_status ? status_label(s, req, *as_status)
                                   : tr(s.web, req, "cases.event." + e.action));
        ed.set("actor", e.actor_name);
        ed.set("detail", e.detail);
        ed.set("document", e.document_number);
        events.push_back(ed);
    }
    for (const auto& m : d->messages) {
        web::Data md;
        md.set("at", when(m.at));
        md.set("from_citizen", m.from_citizen);
        md.set("author", m.author_name);
        md.set("body", m.body);
        (m.internal ? notes : messages).push_back(md);
    }
    data.set("events", events);
    data.set("messages", messages);
    data.set("notes", notes);
    if (error) {
        data.set("error", tr(s.web, req, error->message_key));
        data.set("errors", identity::field_errors(s.web, req, *error));
    }
    identity::PageOptions o{.status = status,
                            .org_nav = identity::org_navigation(s.web, req, *org, "cases.list")};
    auto res = page(s.web, req, "cases/case", data, tr(s.web, req, "cases.list_title"), o);
    if (revealed) res.set_header("Cache-Control", "no-store");
    return res;
}

// Runs a case command from a POST and answers with a 303 back to the case, or the case
// page with the error (4xx).
template <class F>
Response act(CasesWeb& s, Request& req, F&& command) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    if (!ctx.actor.is_signed_in())
        return error_page(s.web, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    auto id = req.param_int("id");
    if (!id) return not_found(s, req);
    // The case must belong to the organisation in the URL (and be visible to the actor).
    auto d = case_detail(s.cases, ctx.actor, org->id, CaseId{*id});
    if (!d) return error_page(s.web, req, d.error());
    Status st = command(ctx.actor, CaseId{*id});
    if (!st) {
        if (st.error().code == ErrorCode::Forbidden || st.error().code == ErrorCode::NotFound)
            return error_page(s.web, req, st.error());
        return show(s, req, st.error(), http::status_for(st.error().code));
    }
    return identity::redirect_with_flash(
        url(s.web, "cases.show", {{"slug", org->slug}, {"id", std::to_string(*id)}}),
        "cases.flash_saved");
}

Response do_transition(CasesWeb& s, Request& req) {
    return act(s, req, [&](const identity::Actor& actor, CaseId id) -> Status {
        auto to = parse_status(form(req, "to"));
        if (!to) return fail(ErrorCode::InvalidInput, "cases.error.bad_status");
        TransitionInput in;
        in.to = *to;
        in.reason = form(req, "reason");
        in.document_number = form(req, "document_number");
        in.complex = req.form("complex").has_value();
        in.remote = req.form("remote").has_value();
        in.forwarded_to = form(req, "forwarded_to");
        in.outcome = form(req, "outcome");
        return transition(s.cases, actor, id, in);
    });
}

Response do_assign(CasesWeb& s, Request& req) {
    return act(s, req, [&](const identity::Actor& actor, CaseId id) -> Status {
        std::int64_t person = 0;
        try {
            person = std::stoll(form(req, "assignee"));
        } catch (const std::exception&) {
            return fail(ErrorCode::InvalidInput, "cases.error.bad_person");
        }
        return assign(s.cases, actor, id, PersonId{person}, form(req, "reason"));
    });
}

Response do_extend(CasesWeb& s, Request& req) {
    return act(s, req, [&](const identity::Actor& actor, CaseId id) {
        return extend(s.cases, actor, id, form(req, "reason"), form(req, "document_number"));
    });
}

Response do_classify(CasesWeb& s, Request& req) {
    return act(s, req, [&](const identity::Actor& actor, CaseId id) -> Status {
        auto kind = parse_kind(form(req, "kind"));
        if (!kind) return fail(ErrorCode::InvalidInput, "cases.error.bad_kind");
        return classify(s.cases, actor, id, *kind);
    });
}

Response do_message(CasesWeb& s, Request& req) {
    return act(s, req, [&](const identity::Actor& actor, CaseId id) {
        return add_message(s.cases, actor, id, form(req, "body"), req.form("internal").has_value());
    });
}

Response download(CasesWeb& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    if (!ctx.actor.is_signed_in())
        return error_page(s.web, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    auto id = req.param_int("id");
    auto file = req.param_int("file");
    if (!id || !file) return not_found(s, req);
    auto d = case_detail(s.cases, ctx.actor, org->id, CaseId{*id});
    if (!d) return error_page(s.web, req, d.error());
    auto a = open_attachment(s.cases, ctx.actor, CaseId{*id}, *file);
    if (!a) return error_page(s.web, req, a.error());
    auto res = Response::text(std::move(a->bytes));
    res.set_header("Content-Type", a->info.content_type);
    res.set_header("Content-Disposition", "attachment; filename=\"tep-" +
                                              std::to_string(a->info.id) +
                                              (a->info.content_type == "application/pdf" ? ".pdf"
                                               : a->info.content_type == "image/png"     ? ".png"
                                                                                         : ".jpg") +
                                              "\"");
    res.set_header("Cache-Control", "no-store");
    return res;
}

Response do_reveal(CasesWeb& s, Request& req) {
    auto org = org_of(s, req);
    if (!org) return not_found(s, req);
    auto& ctx = context(req);
    if (!ctx.actor.is_signed_in())
        return error_page(s.web, req, fail(ErrorCode::Unauthenticated, "error.unauthenticated"));
    auto id = req.param_int("id");
    if (!id) return not_found(s, req);
    auto d = case_detail(s.cases, ctx.actor, org->id, CaseId{*id});
    if (!d) return error_page(s.web, req, d.error());
    auto identity = reveal_identity(s.cases, ctx.actor, CaseId{*id});
    if (!identity) return error_page(s.web, req, identity.error());
    return show(s, req, std::nullopt, http::Status::ok, *identity);
}

}  // namespace

void register_routes(http::Router& router, CasesWeb& s) {
    router.get("/o/{slug}/cases/new", "cases.new", [&s](Request& r) { return new_page(s, r); });
    router.post("/o/{slug}/cases/new", "cases.create", [&s](Request& r) { return create(s, r); },
                {.body_limit = s.cases.config.max_upload_bytes,
                 .body_limit_key = "cases.max_upload_bytes",
                 .multipart = http::Multipart::Allowed});
    router.get("/o/{slug}/cases/{id:int}/files/{file:int}", "cases.file",
               [&s](Request& r) { return download(s, r); });
    router.get("/o/{slug}/cases", "cases.list", [&s](Request& r) { return list_page(s, r); });
    router.get("/o/{slug}/cases/{id:int}", "cases.show", [&s](Request& r) { return show(s, r); });
    router.post("/o/{slug}/cases/{id:int}/transition", "cases.transition",
                [&s](Request& r) { return do_transition(s, r); });
    router.post("/o/{slug}/cases/{id:int}/assign", "cases.assign",
                [&s](Request& r) { return do_assign(s, r); });
    router.post("/o/{slug}/cases/{id:int}/extend", "cases.extend",
                [&s](Request& r) { return do_extend(s, r); });
    router.post("/o/{slug}/cases/{id:int}/classify", "cases.classify",
                [&s](Request& r) { return do_classify(s, r); });
    router.post("/o/{slug}/cases/{id:int}/message", "cases.message",
                [&s](Request& r) { return do_message(s, r); });
    router.post("/o/{slug}/cases/{id:int}/reveal", "cases.reveal",
                [&s](Request& r) { return do_reveal(s, r); });
    router.get("/track", "cases.track",
               [&s](Request& r) { return track_page(s, r, std::nullopt, "", std::nullopt); });
    router.post("/track", "cases.track.submit", [&s](Request& r) { return track_submit(s, r); });
    router.post("/track/message", "cases.track.message",
                [&s](Request& r) { return track_message(s, r); });
    router.get("/cases/mine", "cases.mine", [&s](Request& r) { return mine(s, r); });
    router.post("/track/rate", "cases.track.rate", [&s](Request& r) { return track_rate(s, r); });
    router.get("/o/{slug}/reception", "cases.reception",
               [&s](Request& r) { return reception_page(s, r); });
    router.post("/o/{slug}/reception/days", "cases.reception.add",
                [&s](Request& r) { return reception_add(s, r); });
    router.post("/o/{slug}/reception/info", "cases.reception.info",
                [&s](Request& r) { return reception_info_save(s, r); });
    router.get("/o/{slug}/cases/unit", "cases.unit", [&s](Request& r) { return unit_page(s, r); });
    router.get("/o/{slug}/reception/log", "cases.reception.log",
               [&s](Request& r) { return reception_log_page(s, r); });
    router.post("/o/{slug}/reception/log", "cases.reception.log.add",
                [&s](Request& r) { return reception_log_add(s, r); });
    router.post("/o/{slug}/reception/log/{entry:int}/case", "cases.reception.log.case",
                [&s](Request& r) { return reception_log_case(s, r); });
    router.get("/o/{slug}/cases/stats", "cases.stats",
               [&s](Request& r) { return stats_page(s, r); });
}

namespace {
// Everything the handlers reference, at one stable heap address.
struct State {
    State(std::shared_ptr<const LegalData> l, identity::WebServices& w, const Clock& clock,
          CasesConfig config)
        : legal(std::move(l)),
          services{w.identity, clock, legal->rules, legal->calendar, config},
          web{w, services},
          intake(services, {config.intake_batch_max,
                            std::chrono::milliseconds(config.intake_batch_wait_ms)}) {
        services.intake = &intake;
    }
    std::shared_ptr<const LegalData> legal;
    CasesServices services;
    CasesWeb web;
    IntakeCommitter intake;  // last: stops (and drains) before the services go
};
}  // namespace

Result<std::shared_ptr<void>> wire(http::Router& router, identity::WebServices& web,
                                   const Clock& clock, CasesConfig config) {
    auto legal = load_legal_data();
    if (!legal) return legal.error();
    auto state = std::make_shared<State>(*legal, web, clock, config);
    register_routes(router, state->web);
    add_navigation(web);
    return std::shared_ptr<void>(state);
}

void add_navigation(identity::WebServices& web) {
    web.org_nav.push_back(
        {"cases.tab_new", "cases.new",
         [](const identity::Actor&, const identity::Organisation& o, std::span<const OrgId>) {
             return o.kind != identity::OrgKind::Village;
         }});
    web.org_nav.push_back(
        {"cases.reception_tab", "cases.reception",
         [](const identity::Actor&, const identity::Organisation& o, std::span<const OrgId>) {
             return o.kind == identity::OrgKind::Agency || o.kind == identity::OrgKind::Commune;
         }});
    web.org_nav.push_back(
        {"cases.stats_tab", "cases.stats",
         [](const identity::Actor& a, const identity::Organisation& o, std::span<const OrgId>) {
             return can(a, CaseAction::ViewStatistics,
                        {o.id, CaseKind::Unclassified, std::nullopt});
         }});
    web.org_nav.push_back(
        {"cases.unit_tab", "cases.unit",
         [](const identity::Actor& a, const identity::Organisation& o, std::span<const OrgId>) {
             return o.kind == identity::OrgKind::Unit && o.parent &&
                    can(a, CaseAction::ViewUnit, {o.id, CaseKind::Unclassified, std::nullopt});
         }});
    web.org_nav.push_back(
        {"cases.tab", "cases.list",
         [](const identity::Actor& a, const identity::Organisation& o, std::span<const OrgId>) {
             return can(a, CaseAction::ViewWorkspace, {o.id, CaseKind::Unclassified, std::nullopt});
         }});
}

}  // namespace danchu::cases
