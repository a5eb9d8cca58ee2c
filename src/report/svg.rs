//! Inline SVG charts for the HTML report: no script, no font, no network.

/// One series of a line chart: name, colour, (x, y) points, optional band (low, high).
pub struct Series<'a> {
    /// Legend text.
    pub name: &'a str,
    /// CSS colour.
    pub colour: &'a str,
    /// Points.
    pub points: Vec<(f64, f64)>,
    /// Confidence band per point, if any.
    pub band: Option<Vec<(f64, f64)>>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    esc(s)
}

/// A tick label, with a decimal comma when `comma` (Dutch).
fn fmt_tick(v: f64, comma: bool) -> String {
    let text = tick_text(v);
    if comma { text.replace('.', ",") } else { text }
}

fn tick_text(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 1.0 {
        trimmed(format!("{v:.2}"))
    } else if a == 0.0 {
        "0".into()
    } else {
        trimmed(format!("{v:.3}"))
    }
}

/// A decimal text without trailing zeros (and without a trailing point).
fn trimmed(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

const W: f64 = 560.0;
const H: f64 = 260.0;
const L: f64 = 64.0;
const R: f64 = 16.0;
const T: f64 = 28.0;
const B: f64 = 36.0;

fn bounds(series: &[Series]) -> (f64, f64, f64, f64) {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for s in series {
        for &(x, y) in &s.points {
            xs.push(x);
            ys.push(y);
        }
        if let Some(b) = &s.band {
            for &(lo, hi) in b {
                ys.push(lo);
                ys.push(hi);
            }
        }
    }
    let fin = |v: &Vec<f64>, f: fn(f64, f64) -> f64, d: f64| {
        v.iter()
            .copied()
            .filter(|x| x.is_finite())
            .reduce(f)
            .unwrap_or(d)
    };
    let (x0, x1) = (fin(&xs, f64::min, 0.0), fin(&xs, f64::max, 1.0));
    // Honest axes: zero is always on the axis, so that a change of 2% looks like 2%,
    // not like a swing across the chart.
    let (y0, mut y1) = (
        fin(&ys, f64::min, 0.0).min(0.0),
        fin(&ys, f64::max, 1.0).max(0.0),
    );
    if (y1 - y0).abs() < 1e-12 {
        y1 = y0 + 1.0;
    }
    let (y0, y1) = nice_range(y0, y1);
    (x0, if x1 == x0 { x0 + 1.0 } else { x1 }, y0, y1)
}

/// How a chart writes its numbers and where its legend goes.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Decimal commas (Dutch) rather than points.
    pub comma: bool,
}

/// The smallest range of four equal steps of 1, 2, 2.5 or 5 times a power of ten that holds
/// `lo` to `hi`, starting at a multiple of the step: the axis is labelled at round numbers.
fn nice_range(lo: f64, hi: f64) -> (f64, f64) {
    let raw = (hi - lo) / 4.0;
    let mut power = 10f64.powf(raw.log10().floor());
    loop {
        for m in [1.0, 2.0, 2.5, 5.0] {
            let step = m * power;
            let start = (lo / step).floor() * step;
            if start + 4.0 * step >= hi - 1e-9 * step {
                return (start, start + 4.0 * step);
            }
        }
        power *= 10.0;
    }
}

fn frame(
    out: &mut String,
    title: &str,
    b: (f64, f64, f64, f64),
    xlabel: &str,
    style: Style,
    height: f64,
    xlabel_is_name: bool,
) {
    let (x0, x1, y0, y1) = b;
    let comma = style.comma;
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {height}\" width=\"{W}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        esc(title)
    ));
    out.push_str(&format!(
        "<text x=\"{L}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        esc(title)
    ));
    for i in 0..=4 {
        let v = y0 + (y1 - y0) * i as f64 / 4.0;
        let y = H - B - (H - T - B) * i as f64 / 4.0;
        out.push_str(&format!(
            "<line x1=\"{L}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>",
            W - R
        ));
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            L - 4.0,
            y + 4.0,
            fmt_tick(v, comma)
        ));
    }
    for v in x_ticks(x0, x1) {
        let x = L + (W - L - R) * (v - x0) / (x1 - x0);
        let label = if v.fract() == 0.0 && (x1 - x0) >= 1.0 {
            format!("{v:.0}")
        } else {
            fmt_tick(v, comma)
        };
        out.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{label}</text>",
            H - B + 16.0,
        ));
    }
    // A scatter's x label and point labels are names (a sweep's factor paths), marked so.
    let class = if xlabel_is_name {
        " class=\"name\""
    } else {
        ""
    };
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\"{class}>{}</text>",
        (L + W - R) / 2.0,
        H - 4.0,
        esc(xlabel)
    ));
}

/// Where the x axis is labelled: every whole number (every second, fifth, ... when there
/// are many) when both ends are whole, as years are; else five even steps.
fn x_ticks(x0: f64, x1: f64) -> Vec<f64> {
    if x0.fract() == 0.0 && x1.fract() == 0.0 && x1 - x0 >= 1.0 && x1 - x0 <= 1000.0 {
        let span = (x1 - x0) as u64;
        let step = [1, 2, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|s| span / s <= 10)
            .unwrap_or(200);
        (0..=span / step).map(|k| x0 + (k * step) as f64).collect()
    } else {
        (0..=4).map(|i| x0 + (x1 - x0) * i as f64 / 4.0).collect()
    }
}

/// A line chart with optional confidence bands; the legend sits under the chart, one
/// line per named series.
pub fn line_chart(title: &str, xlabel: &str, series: &[Series], style: Style) -> String {
    let (x0, x1, y0, y1) = bounds(series);
    let px = |x: f64| L + (W - L - R) * (x - x0) / (x1 - x0);
    let py = |y: f64| H - B - (H - T - B) * (y - y0) / (y1 - y0);
    let mut out = String::new();
    let named = series.iter().filter(|s| !s.name.is_empty()).count();
    let height = H + 16.0 * named as f64;
    frame(
        &mut out,
        title,
        (x0, x1, y0, y1),
        xlabel,
        style,
        height,
        false,
    );
    for (k, s) in series.iter().enumerate() {
        if let Some(band) = &s.band {
            let mut d = String::new();
            for (i, (&(x, _), &(_, hi))) in s.points.iter().zip(band).enumerate() {
                d.push_str(&format!(
                    "{}{:.1},{:.1} ",
                    if i == 0 { "M" } else { "L" },
                    px(x),
                    py(hi)
                ));
            }
            for (&(x, _), &(lo, _)) in s.points.iter().zip(band).rev() {
                d.push_str(&format!("L{:.1},{:.1} ", px(x), py(lo)));
            }
            out.push_str(&format!(
                "<path d=\"{d}Z\" fill=\"{}\" fill-opacity=\"0.18\" stroke=\"none\"/>",
                s.colour
            ));
        }
        let pts: Vec<String> = s
            .points
            .iter()
            .filter(|p| p.1.is_finite())
            .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
            .collect();
        out.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
            pts.join(" "),
            s.colour
        ));
        if s.name.is_empty() {
            continue;
        }
        let ly = H + 2.0 + 16.0 * k as f64;
        out.push_str(&format!(
            "<rect x=\"{L}\" y=\"{ly:.1}\" width=\"18\" height=\"4\" fill=\"{}\"/>",
            s.colour
        ));
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            L + 24.0,
            ly + 6.0,
            esc(s.name)
        ));
    }
    out.push_str("</svg>");
    out
}

/// A scatter chart (points with labels in a tooltip title).
pub fn scatter(
    title: &str,
    xlabel: &str,
    points: &[(f64, f64, String)],
    colour: &str,
    style: Style,
) -> String {
    let series = [Series {
        name: "",
        colour,
        points: points.iter().map(|p| (p.0, p.1)).collect(),
        band: None,
    }];
    let (x0, x1, y0, y1) = bounds(&series);
    let px = |x: f64| L + (W - L - R) * (x - x0) / (x1 - x0);
    let py = |y: f64| H - B - (H - T - B) * (y - y0) / (y1 - y0);
    let mut out = String::new();
    frame(&mut out, title, (x0, x1, y0, y1), xlabel, style, H, true);
    for (x, y, label) in points {
        if x.is_finite() && y.is_finite() {
            out.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{colour}\"><title>{}</title></circle>",
                px(*x),
                py(*y),
                esc(label)
            ));
            if !label.is_empty() && points.len() <= 12 {
                out.push_str(&format!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" class=\"name\">{}</text>",
                    px(*x) + 6.0,
                    py(*y) - 4.0,
                    esc(label)
                ));
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// A bar of a stacked bar chart: its label and (value, colour, tooltip) parts.
pub type BarRow<'a> = (String, Vec<(f64, &'a str, String)>);

/// Horizontal stacked bars: each row a label and (value, colour) parts summing to its total.
pub fn stacked_bars(title: &str, rows: &[BarRow]) -> String {
    let h = T + 30.0 * rows.len() as f64 + 20.0;
    let max: f64 = rows
        .iter()
        .map(|r| r.1.iter().map(|p| p.0).sum::<f64>())
        .fold(0.0, f64::max)
        .max(1e-9);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h}\" width=\"{W}\" height=\"{h}\" role=\"img\" aria-label=\"{}\"><text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        esc(title),
        esc(title)
    );
    for (i, (label, parts)) in rows.iter().enumerate() {
        let y = T + 30.0 * i as f64;
        out.push_str(&format!(
            "<text x=\"8\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            y + 15.0,
            esc(label)
        ));
        let mut x = 150.0;
        for (v, colour, tip) in parts {
            let w = (W - 170.0) * v / max;
            out.push_str(&format!("<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"20\" fill=\"{colour}\"><title>{}</title></rect>", esc(tip)));
            if w > 40.0 {
                out.push_str(&format!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#fff\">{v:.2}</text>",
                    x + 4.0,
                    y + 14.0
                ));
            }
            x += w;
        }
    }
    out.push_str("</svg>");
    out
}

/// A bar of an effect chart: label, mean, interval (low, high), colour.
pub type EffectBar<'a> = (String, f64, f64, f64, &'a str);

/// Horizontal bars of effects around a zero line, each with its interval as a whisker;
/// values in percent.
pub fn effect_bars(title: &str, rows: &[EffectBar], style: Style) -> String {
    let (label_w, top, row_h) = (250.0, T + 8.0, 26.0);
    let h = top + row_h * rows.len() as f64 + 30.0;
    let lim = rows
        .iter()
        .flat_map(|r| [r.1.abs(), r.2.abs(), r.3.abs()])
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let (lo, hi) = nice_range(-lim, lim);
    let lim = hi.max(-lo);
    let x0 = label_w;
    let x1 = W + 120.0 - R;
    let px = |v: f64| x0 + (x1 - x0) * (v + lim) / (2.0 * lim);
    let width = W + 120.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {h}\" width=\"{width}\" height=\"{h}\" role=\"img\" aria-label=\"{}\"><text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        esc(title),
        esc(title)
    );
    let bottom = top + row_h * rows.len() as f64;
    for i in 0..=4 {
        let v = -lim + 2.0 * lim * i as f64 / 4.0;
        let x = px(v);
        out.push_str(&format!(
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{top}\" y2=\"{bottom:.1}\" stroke=\"{}\"/><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}%</text>",
            if i == 2 { "#444" } else { "#ddd" },
            bottom + 14.0,
            fmt_tick(v, style.comma)
        ));
    }
    for (i, (label, mean, low, high, colour)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            label_w - 8.0,
            y + 16.0,
            esc(label)
        ));
        if !mean.is_finite() {
            continue;
        }
        let (a, b) = (px(0.0), px(*mean));
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" fill=\"{colour}\"/>",
            a.min(b),
            y + 5.0,
            (b - a).abs().max(1.0)
        ));
        if low.is_finite() && high.is_finite() {
            out.push_str(&format!(
                "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#222\" stroke-width=\"1.5\"/>",
                px(*low),
                px(*high),
                y + 12.0,
                y + 12.0
            ));
        }
    }
    out.push_str("</svg>");
    out
}
