#pragma once
// The skeleton of every self-contained sovscan HTML document: one inline <style>, one inline
// <script>, and a Content-Security-Policy that allows exactly those two by their SHA-256 and nothing
// else: no remote resource, no other script or style, no inline event handler, no form, no <base>.
// Even a string that escaped html_escape could not run or load anything in such a page.
#include <ostream>
#include <string>
#include <string_view>

namespace sovscan {

// "sha256-<base64>" of `text`, as CSP hash sources write it.
std::string csp_hash_source(std::string_view text);

// The policy for a page whose only style and script are `style` and `script`.
std::string content_security_policy(std::string_view style, std::string_view script);

class HtmlDocument {
public:
    // `title` is plain text (escaped here); the style and script default to html_assets.h.
    explicit HtmlDocument(std::string title, std::string lang = "en");

    // Markup for <body>, already safe: build it with html_escape and the html_* helpers.
    void append(std::string_view safe_html) { body_ += safe_html; }
    std::string& body() { return body_; }

    void set_style(std::string style) { style_ = std::move(style); }
    void set_script(std::string script) { script_ = std::move(script); }

    void write(std::ostream& out) const;

private:
    std::string title_, lang_, style_, script_, body_;
};

}  // namespace sovscan
