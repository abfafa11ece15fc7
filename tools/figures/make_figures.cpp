// Draws the illustrative figures of the sample article (content/sample/images).
//
// Every picture is drawn procedurally from fixed numbers, so the output is byte-for-byte deterministic:
// running the program twice writes identical files. The pictures are illustrations of what the article's
// figures show (a document page, a table, a chart, a video still); they are not the original photographs.
//
// Usage: make_figures <output-folder>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace {

struct Rgb {
    std::uint8_t r, g, b;
};

constexpr Rgb white{255, 255, 255};
constexpr Rgb paper{246, 244, 238};
constexpr Rgb ink{40, 40, 44};
constexpr Rgb grey{150, 150, 156};
constexpr Rgb light{214, 214, 218};
constexpr Rgb red{196, 52, 44};
constexpr Rgb blue{44, 92, 170};
constexpr Rgb gold{222, 168, 48};

class Canvas {
public:
    Canvas(int w, int h, Rgb fill) : w_(w), h_(h), px_(static_cast<std::size_t>(w) * h * 3) {
        rect(0, 0, w, h, fill);
    }

    void set(int x, int y, Rgb c) {
        if (x < 0 || y < 0 || x >= w_ || y >= h_) return;
        const std::size_t i = (static_cast<std::size_t>(y) * w_ + x) * 3;
        px_[i] = c.r;
        px_[i + 1] = c.g;
        px_[i + 2] = c.b;
    }

    void rect(int x0, int y0, int w, int h, Rgb c) {
        for (int y = y0; y < y0 + h; ++y)
            for (int x = x0; x < x0 + w; ++x) set(x, y, c);
    }

    void frame(int x0, int y0, int w, int h, int t, Rgb c) {
        rect(x0, y0, w, t, c);
        rect(x0, y0 + h - t, w, t, c);
        rect(x0, y0, t, h, c);
        rect(x0 + w - t, y0, t, h, c);
    }

    void disc(int cx, int cy, int r, Rgb c) {
        for (int y = cy - r; y <= cy + r; ++y)
            for (int x = cx - r; x <= cx + r; ++x)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) set(x, y, c);
    }

    // Stand-in for a line of text: a rounded grey bar whose length follows a fixed pattern.
    void text_line(int x, int y, int len, int thick, Rgb c) {
        rect(x, y, len, thick, c);
    }

    void triangle(int x0, int y0, int x1, int y1, int x2, int y2, Rgb c) {
        const int minx = std::min({x0, x1, x2}), maxx = std::max({x0, x1, x2});
        const int miny = std::min({y0, y1, y2}), maxy = std::max({y0, y1, y2});
        auto edge = [](int ax, int ay, int bx, int by, int px, int py) {
            return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
        };
        for (int y = miny; y <= maxy; ++y)
            for (int x = minx; x <= maxx; ++x) {
                const int a = edge(x0, y0, x1, y1, x, y), b = edge(x1, y1, x2, y2, x, y),
                          d = edge(x2, y2, x0, y0, x, y);
                if ((a >= 0 && b >= 0 && d >= 0) || (a <= 0 && b <= 0 && d <= 0)) set(x, y, c);
            }
    }

    [[nodiscard]] Rgb get(int x, int y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * w_ + x) * 3;
        return {px_[i], px_[i + 1], px_[i + 2]};
    }

    [[nodiscard]] int width() const { return w_; }
    [[nodiscard]] int height() const { return h_; }

    bool write_png(const std::string& path) const {
        return stbi_write_png(path.c_str(), w_, h_, 3, px_.data(), w_ * 3) != 0;
    }
    bool write_jpg(const std::string& path, int quality) const {
        return stbi_write_jpg(path.c_str(), w_, h_, 3, px_.data(), quality) != 0;
    }

private:
    int w_, h_;
    std::vector<std::uint8_t> px_;
};

// Fixed pseudo-random line lengths so the "text" looks ragged but never changes between runs.
int line_len(int i, int full) {
    static constexpr int pattern[] = {100, 94, 97, 88, 100, 91, 62, 99, 96, 85, 100, 73};
    return full * pattern[i % 12] / 100;
}

void paragraph(Canvas& c, int x, int y, int width, int lines, int pitch, Rgb col) {
    for (int i = 0; i < lines; ++i) c.text_line(x, y + i * pitch, line_len(i, width), pitch / 2, col);
}

// A report page with a highlighted conclusion, standing in for the ESG report excerpt.
Canvas esg_report() {
    Canvas c(900, 560, light);
    c.rect(120, 30, 660, 500, paper);
    c.frame(120, 30, 660, 500, 2, grey);
    c.rect(160, 70, 300, 22, ink);  // heading
    paragraph(c, 160, 120, 580, 5, 20, grey);
    c.rect(150, 228, 600, 150, Rgb{252, 240, 190});  // highlighted quotation
    c.rect(150, 228, 8, 150, gold);
    paragraph(c, 175, 245, 550, 6, 20, ink);
    paragraph(c, 160, 400, 580, 5, 20, grey);
    return c;
}

// A five-row table, standing in for the financial disclosure of the five Xinjiang projects.
Canvas projects_table() {
    Canvas c(900, 460, white);
    const int x0 = 40, y0 = 40, w = 820, rows = 6, rh = 62;
    const int cols[] = {0, 300, 470, 640, 820};
    c.rect(x0, y0, w, rh, Rgb{60, 70, 90});
    for (int r = 1; r < rows; ++r)
        c.rect(x0, y0 + r * rh, w, rh, r % 2 ? Rgb{240, 242, 246} : white);
    for (int r = 0; r <= rows; ++r) c.rect(x0, y0 + r * rh, w, 2, grey);
    for (int col : cols) c.rect(x0 + col, y0, 2, rows * rh, grey);
    for (int k = 0; k < 4; ++k) c.text_line(x0 + cols[k] + 16, y0 + 24, 110, 12, white);
    // Contract value in the third column, build years and operation years as bars in the last two.
    constexpr int value[] = {64, 51, 73, 58, 47};
    constexpr int build[] = {1, 2, 1, 1, 2};
    constexpr int operate[] = {20, 15, 18, 10, 19};
    for (int r = 0; r < 5; ++r) {
        const int y = y0 + (r + 1) * rh;
        c.text_line(x0 + 16, y + 24, line_len(r + 2, 250), 12, ink);
        c.rect(x0 + cols[1] + 16, y + 20, value[r] * 2, 20, red);
        c.rect(x0 + cols[2] + 16, y + 20, build[r] * 20, 20, blue);
        c.rect(x0 + cols[3] + 16, y + 20, operate[r] * 8, 20, blue);
    }
    return c;
}

// A tender page with a camera-placement plan: a grid of sites, domed mosque symbols and a fenced camp.
Canvas pishan_tender() {
    Canvas c(900, 600, light);
    c.rect(60, 30, 780, 540, paper);
    c.frame(60, 30, 780, 540, 2, grey);
    c.rect(100, 60, 360, 22, ink);
    paragraph(c, 100, 100, 700, 3, 20, grey);
    // Map-like plan.
    const int mx = 100, my = 180, mw = 700, mh = 350;
    c.rect(mx, my, mw, mh, Rgb{232, 236, 226});
    for (int x = mx; x <= mx + mw; x += 70) c.rect(x, my, 3, mh, white);
    for (int y = my; y <= my + mh; y += 70) c.rect(mx, y, mw, 3, white);
    constexpr int mosques[][2] = {{170, 250}, {310, 390}, {450, 250}, {740, 470}, {240, 460}, {660, 320}};
    for (auto [x, y] : mosques) {
        c.rect(x - 18, y, 36, 22, Rgb{120, 150, 120});
        c.disc(x, y, 14, Rgb{120, 150, 120});
        c.disc(x + 26, y - 18, 6, red);  // camera
    }
    c.rect(480, 360, 170, 120, Rgb{200, 196, 190});
    c.frame(480, 360, 170, 120, 4, ink);
    for (int k = 0; k < 4; ++k) c.disc(480 + (k % 2) * 170, 360 + (k / 2) * 120, 9, red);
    return c;
}

// A bar chart of years under contract, for the Council on Ethics recommendation.
Canvas council_chart() {
    Canvas c(900, 500, white);
    c.rect(80, 40, 4, 400, ink);
    c.rect(80, 436, 780, 4, ink);
    for (int y = 40; y < 436; y += 66) c.rect(84, y, 776, 1, light);
    constexpr int years[] = {21, 16, 19, 11, 21};
    for (int i = 0; i < 5; ++i) {
        const int h = years[i] * 18;
        c.rect(130 + i * 145, 436 - h, 90, h, i % 2 ? blue : Rgb{70, 120, 196});
    }
    // "Today" marker: operation continues past it.
    c.rect(80, 436 - 6 * 18, 780, 3, red);
    return c;
}

// A still frame of a video: dusk sky gradient, hills, a camera pole and a play button.
Canvas video_still() {
    Canvas c(960, 540, white);
    for (int y = 0; y < 540; ++y)
        for (int x = 0; x < 960; ++x) {
            const double t = y / 540.0, u = x / 960.0;
            const auto r = static_cast<std::uint8_t>(70 + 150 * t + 20 * u);
            const auto g = static_cast<std::uint8_t>(90 + 90 * t);
            const auto b = static_cast<std::uint8_t>(160 - 60 * t);
            c.set(x, y, Rgb{r, g, b});
        }
    c.disc(760, 330, 60, Rgb{250, 214, 140});  // low sun
    for (int x = 0; x < 960; ++x) {
        const int h1 = 360 + static_cast<int>(40 * std::sin(x / 90.0) + 20 * std::sin(x / 37.0));
        const int h2 = 430 + static_cast<int>(25 * std::sin(x / 60.0 + 1.3));
        for (int y = h1; y < 540; ++y) c.set(x, y, Rgb{60, 70, 62});
        for (int y = h2; y < 540; ++y) c.set(x, y, Rgb{38, 44, 40});
    }
    c.rect(230, 170, 10, 300, Rgb{30, 30, 34});  // pole
    c.rect(200, 170, 90, 30, Rgb{230, 230, 234});  // camera housing
    c.rect(180, 176, 24, 18, Rgb{30, 30, 34});  // lens
    c.disc(480, 270, 56, Rgb{0, 0, 0});
    c.triangle(462, 240, 462, 300, 512, 270, white);
    c.rect(0, 510, 960, 30, Rgb{20, 20, 20});  // player bar
    c.rect(20, 522, 300, 6, red);
    return c;
}

// An e-mail-like message window, standing in for IPVM's 2020 request for the report.
Canvas request_2020() {
    Canvas c(900, 420, light);
    c.rect(60, 30, 780, 360, white);
    c.frame(60, 30, 780, 360, 2, grey);
    c.rect(60, 30, 780, 50, Rgb{60, 70, 90});
    c.disc(100, 55, 14, white);
    c.text_line(130, 48, 220, 14, white);
    for (int i = 0; i < 2; ++i) c.text_line(100, 100 + i * 26, 200 + i * 80, 10, grey);
    c.rect(90, 160, 720, 1, light);
    paragraph(c, 100, 180, 680, 8, 22, ink);
    return c;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output-folder>\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    bool ok = true;
    ok &= esg_report().write_png(dir + "/esg-report-conclusion.png");
    ok &= projects_table().write_png(dir + "/xinjiang-projects-disclosure.png");
    ok &= pishan_tender().write_png(dir + "/pishan-tender.png");
    ok &= council_chart().write_png(dir + "/council-on-ethics.png");
    ok &= request_2020().write_png(dir + "/ipvm-request-2020.png");
    ok &= video_still().write_jpg(dir + "/video-still.jpg", 90);
    if (!ok) {
        std::fprintf(stderr, "make_figures: could not write into %s\n", dir.c_str());
        return 1;
    }
    return 0;
}
