//! The geometry of the HTML report's radar chart: pillar scores on N axes, as plain
//! numbers and label lines that the template draws as inline SVG (and escapes).

use serde::Serialize;

/// The SVG user-space size of the chart.
const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 440.0;
const RADIUS: f64 = 125.0;
/// The distance between the outer ring and an axis label.
const LABEL_OFFSET: f64 = 14.0;
/// The distance between the baselines of a label's lines.
const LINE_HEIGHT: f64 = 16.0;
/// Axis titles are wrapped at this many characters so they stay inside the chart.
const LABEL_WRAP: usize = 15;
/// Grid rings, in score points.
const RINGS: [f64; 4] = [25.0, 50.0, 75.0, 100.0];

/// One axis of the chart as given by the report: a pillar title and its shown value.
pub struct AxisInput {
    pub title: String,
    /// The value shown under the title: a score, or "—" for a pillar without one.
    pub value: String,
}

/// One polygon: a named score series with one score per axis (`None` is drawn at 0).
pub struct SeriesInput {
    pub class: &'static str,
    pub name: String,
    pub scores: Vec<Option<f64>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Radar {
    pub width: f64,
    pub height: f64,
    pub cx: f64,
    pub cy: f64,
    pub line_height: f64,
    pub rings: Vec<Ring>,
    pub axes: Vec<Axis>,
    pub series: Vec<Series>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Ring {
    /// SVG `points` of the ring polygon.
    pub points: String,
    pub label: String,
    /// Where the ring's label sits (on the first axis).
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Axis {
    /// The axis end on the outer ring.
    pub x: f64,
    pub y: f64,
    pub label_x: f64,
    pub label_y: f64,
    /// SVG `text-anchor`: start, middle or end.
    pub anchor: &'static str,
    pub lines: Vec<String>,
    pub value: String,
    pub scored: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Series {
    pub class: &'static str,
    pub name: String,
    /// SVG `points` of the polygon.
    pub points: String,
    pub dots: Vec<Dot>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
}

/// Lays out the chart: the first axis points up, the others follow clockwise.
pub fn radar(axes: &[AxisInput], series: &[SeriesInput]) -> Radar {
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    let n = axes.len().max(1);
    let direction = |k: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / n as f64;
        (angle.cos(), angle.sin())
    };
    let point = |k: usize, score: f64| {
        let (dx, dy) = direction(k);
        let r = RADIUS * score.clamp(0.0, 100.0) / 100.0;
        (round(cx + r * dx), round(cy + r * dy))
    };
    let points = |scores: &mut dyn Iterator<Item = f64>| {
        scores
            .enumerate()
            .map(|(k, s)| {
                let (x, y) = point(k, s);
                format!("{x},{y}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rings = RINGS
        .iter()
        .map(|&ring| {
            let (_, y) = point(0, ring);
            Ring {
                points: points(&mut std::iter::repeat_n(ring, axes.len())),
                label: format!("{ring:.0}"),
                x: round(cx + 4.0),
                y: round(y - 3.0),
            }
        })
        .collect();
    let axes = axes
        .iter()
        .enumerate()
        .map(|(k, input)| {
            let (dx, dy) = direction(k);
            let (x, y) = point(k, 100.0);
            let lx = cx + (RADIUS + LABEL_OFFSET) * dx;
            let ly = cy + (RADIUS + LABEL_OFFSET) * dy;
            let lines = wrap(&input.title, LABEL_WRAP);
            // The label (title lines, then the value line) sits above the axis end at
            // the top, below it at the bottom and centred beside it on the sides.
            let block = lines.len() as f64 * LINE_HEIGHT;
            let first_baseline = if dy < -0.3 {
                ly - block - 2.0
            } else if dy > 0.3 {
                ly + LINE_HEIGHT - 2.0
            } else {
                ly - block / 2.0 + 4.0
            };
            let anchor = if dx > 0.3 {
                "start"
            } else if dx < -0.3 {
                "end"
            } else {
                "middle"
            };
            Axis {
                x,
                y,
                label_x: round(lx),
                label_y: round(first_baseline),
                anchor,
                lines,
                value: input.value.clone(),
                scored: input.value != "—",
            }
        })
        .collect();
    let series = series
        .iter()
        .map(|s| Series {
            class: s.class,
            name: s.name.clone(),
            points: points(&mut s.scores.iter().map(|v| v.unwrap_or(0.0))),
            dots: s
                .scores
                .iter()
                .enumerate()
                .filter_map(|(k, v)| v.map(|v| point(k, v)))
                .map(|(x, y)| Dot { x, y })
                .collect(),
        })
        .collect();
    Radar {
        width: WIDTH,
        height: HEIGHT,
        cx,
        cy,
        line_height: LINE_HEIGHT,
        rings,
        axes,
        series,
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Wraps a title at word boundaries into lines of at most `width` characters (a
/// longer word gets a line of its own).
fn wrap(title: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in title.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_titles_at_word_boundaries() {
        assert_eq!(
            wrap("Infrastruktur & Ruang Kreatif", 15),
            vec!["Infrastruktur &", "Ruang Kreatif"]
        );
        assert_eq!(wrap("Kreasi", 16), vec!["Kreasi"]);
    }

    #[test]
    fn first_axis_points_up_and_unscored_axes_sit_at_the_centre() {
        let axes: Vec<AxisInput> = ["A", "B", "C", "D"]
            .iter()
            .map(|t| AxisInput {
                title: t.to_string(),
                value: "—".into(),
            })
            .collect();
        let chart = radar(
            &axes,
            &[SeriesInput {
                class: "self_assessed",
                name: "x".into(),
                scores: vec![Some(100.0), None, Some(50.0), None],
            }],
        );
        assert_eq!(chart.series[0].points, "280,95 280,220 280,282.5 280,220");
        assert_eq!(chart.rings.len(), 4);
        assert!(!chart.axes[0].scored);
    }
}
