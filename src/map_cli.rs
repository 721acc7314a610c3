//! `pmk3i map`: the national map as a table, CSV, JSON or one self-contained HTML page.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::cli::{Cli, EXIT_INVALID, Failure};
use crate::i18n::{Lang, Message, fmt_score};
use crate::map::{MapFilter, MapRow, NationalMap, build, shade};
use crate::store::StoreError;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum MapFormat {
    Table,
    Csv,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct MapArgs {
    /// Only this province (its name, e.g. "Jawa Timur", or code, e.g. 35).
    #[arg(long, value_name = "P")]
    pub province: Option<String>,
    /// Only regions whose flagship is this subsector (its id, e.g. kuliner).
    #[arg(long, value_name = "S")]
    pub subsector: Option<String>,
    /// Only regions weak in this pillar (score below 40, the Rintisan band), e.g. distribusi.
    #[arg(long, value_name = "PILLAR")]
    pub weak: Option<String>,
    /// This period's assessments (default: each region's latest).
    #[arg(long, value_name = "P")]
    pub period: Option<String>,
    /// The framework whose assessments are compared (default: pmk3i when any assessment uses it, else the one most use).
    #[arg(long = "framework-id", value_name = "ID")]
    pub framework_id: Option<String>,
    /// table (default), csv, json, or html (one self-contained page for officials).
    #[arg(long, value_enum, default_value = "table")]
    pub format: MapFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn filters_text(args: &MapArgs, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &args.province {
        parts.push(format!("{} {p}", lang.pick("provinsi", "province")));
    }
    if let Some(s) = &args.subsector {
        parts.push(format!("{} {s}", lang.pick("unggulan", "flagship")));
    }
    if let Some(w) = &args.weak {
        parts.push(format!("{} {w} (< 40)", lang.pick("lemah di", "weak in")));
    }
    if let Some(p) = &args.period {
        parts.push(format!("{} {p}", lang.pick("periode", "period")));
    }
    parts.join(" · ")
}

fn coverage(map: &NationalMap, args: &MapArgs, lang: Lang) -> String {
    let filtered = args.weak.is_some() || args.subsector.is_some();
    if filtered {
        return match lang {
            Lang::Id => format!("{} daerah cocok", map.assessed),
            Lang::En => format!("{} region(s) match", map.assessed),
        };
    }
    let shown = map.rows.len();
    let pct = if shown == 0 {
        0.0
    } else {
        100.0 * map.assessed as f64 / shown as f64
    };
    match lang {
        Lang::Id => format!(
            "Cakupan: {} dari {shown} daerah sudah dinilai ({pct:.1}%)",
            map.assessed
        ),
        Lang::En => format!("Coverage: {} of {shown} regions assessed ({pct:.1}%)", map.assessed),
    }
}

fn stage(r: &MapRow, lang: Lang) -> String {
    r.stage
        .map(|s| s.label(lang).to_string())
        .unwrap_or_else(|| lang.pick("belum dinilai", "not assessed").to_string())
}

fn flagship(r: &MapRow, lang: Lang) -> String {
    match (r.flagship_label.as_ref().or(r.flagship.as_ref()), r.flagship_chosen) {
        (Some(f), true) => f.clone(),
        (Some(f), false) => format!("{f} ({})", lang.pick("disarankan", "suggested")),
        (None, _) => String::new(),
    }
}

fn code(r: &MapRow, lang: Lang) -> String {
    r.code
        .clone()
        .unwrap_or_else(|| lang.pick("tanpa kode", "no code").to_string())
}

fn table(map: &NationalMap, args: &MapArgs, lang: Lang) -> String {
    let mut out = String::new();
    let mut header = vec![
        lang.pick("Kode", "Code").to_string(),
        lang.pick("Daerah", "Region").into(),
        lang.pick("Provinsi", "Province").into(),
        lang.pick("Periode", "Period").into(),
        lang.pick("Skor", "Score").into(),
        lang.pick("Kategori", "Band").into(),
        lang.pick("Unggulan", "Flagship").into(),
        lang.pick("Tahap", "Stage").into(),
    ];
    header.extend(map.pillars.iter().cloned());
    out.push_str(&header.join("\t"));
    out.push('\n');
    for r in &map.rows {
        let mut cells = vec![
            code(r, lang),
            r.region.clone(),
            r.province.clone(),
            r.period.clone().unwrap_or_default(),
            if r.assessment.is_some() {
                fmt_score(r.score)
            } else {
                String::new()
            },
            r.band.clone().unwrap_or_default(),
            flagship(r, lang),
            stage(r, lang),
        ];
        for s in &r.pillars {
            cells.push(match s {
                Some(_) => format!("{} {}", shade(*s), fmt_score(*s)),
                None if r.assessment.is_some() => "—".into(),
                None => String::new(),
            });
        }
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&coverage(map, args, lang));
    out.push_str(lang.pick(
        " · arsiran: ░ < 40 ▒ 40–60 ▓ 60–80 █ ≥ 80\n",
        " · shading: ░ < 40 ▒ 40–60 ▓ 60–80 █ ≥ 80\n",
    ));
    out.push('\n');
    out.push_str(lang.pick(
        "Provinsi\tDaerah\tDinilai\tRerata skor\tPilar terlemah\n",
        "Province\tRegions\tAssessed\tMean score\tWeakest pillar\n",
    ));
    for p in &map.provinces {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            p.province,
            p.regions,
            p.assessed,
            fmt_score(p.mean_score),
            p.weakest_pillar.clone().unwrap_or_else(|| "—".into())
        ));
    }
    out
}

fn csv(map: &NationalMap, lang: Lang) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let mut header: Vec<String> = [
            "code",
            "region",
            "province",
            "assessment",
            "period",
            "score",
            "band",
            "completeness",
            "flagship",
            "flagship_chosen",
            "stage",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        header.extend(map.pillars.iter().cloned());
        w.write_record(&header)?;
        let num = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
        for r in &map.rows {
            let mut cells = vec![
                r.code.clone().unwrap_or_default(),
                r.region.clone(),
                r.province.clone(),
                r.assessment.map(|a| a.to_string()).unwrap_or_default(),
                r.period.clone().unwrap_or_default(),
                num(r.score),
                r.band.clone().unwrap_or_default(),
                num(r.completeness),
                r.flagship.clone().unwrap_or_default(),
                if r.assessment.is_some() {
                    r.flagship_chosen.to_string()
                } else {
                    String::new()
                },
                r.stage.map(|s| s.label(lang).to_string()).unwrap_or_default(),
            ];
            cells.extend(r.pillars.iter().map(|s| num(*s)));
            w.write_record(cells.iter().map(|c| crate::exchange::text_cell(c)))?;
        }
        w.flush()?;
    }
    Ok(out)
}

#[derive(Serialize)]
struct Cell {
    text: String,
    class: &'static str,
}

#[derive(Serialize)]
struct HtmlRow {
    assessed: bool,
    code: String,
    region: String,
    province: String,
    period: String,
    score: String,
    score_class: &'static str,
    band: String,
    flagship: String,
    stage: String,
    pillars: Vec<Cell>,
}

fn class(score: Option<f64>) -> &'static str {
    match score {
        None => "",
        Some(s) if s < 40.0 => "b0",
        Some(s) if s < 60.0 => "b1",
        Some(s) if s < 80.0 => "b2",
        Some(_) => "b3",
    }
}

fn html(map: &NationalMap, args: &MapArgs, lang: Lang) -> Result<String, Failure> {
    let rows: Vec<HtmlRow> = map
        .rows
        .iter()
        .map(|r| HtmlRow {
            assessed: r.assessment.is_some(),
            code: code(r, lang),
            region: r.region.clone(),
            province: r.province.clone(),
            period: r.period.clone().unwrap_or_default(),
            score: if r.assessment.is_some() {
                fmt_score(r.score)
            } else {
                String::new()
            },
            score_class: class(r.score),
            band: r.band.clone().unwrap_or_default(),
            flagship: flagship(r, lang),
            stage: stage(r, lang),
            pillars: r
                .pillars
                .iter()
                .map(|s| Cell {
                    text: match s {
                        Some(_) => fmt_score(*s),
                        None if r.assessment.is_some() => "—".into(),
                        None => String::new(),
                    },
                    class: class(*s),
                })
                .collect(),
        })
        .collect();
    let provinces: Vec<serde_json::Value> = map
        .provinces
        .iter()
        .map(|p| {
            serde_json::json!({
                "province": p.province,
                "regions": p.regions,
                "assessed": p.assessed,
                "mean": fmt_score(p.mean_score),
                "weakest": p.weakest_pillar.clone().unwrap_or_else(|| "—".into()),
            })
        })
        .collect();
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let texts = serde_json::json!({
        "title": t("Peta Ekonomi Kreatif Nasional", "National Creative Economy Map"),
        "framework": t("kerangka", "framework"),
        "filter": t("Saring: ketik nama, provinsi, unggulan…", "Filter: type a name, province, flagship…"),
        "hint": t("Klik judul kolom untuk mengurutkan.", "Click a column heading to sort."),
        "code": t("Kode", "Code"), "region": t("Daerah", "Region"), "province": t("Provinsi", "Province"),
        "period": t("Periode", "Period"), "score": t("Skor", "Score"), "band": t("Kategori", "Band"),
        "flagship": t("Unggulan", "Flagship"), "stage": t("Tahap", "Stage"),
        "provinces": t("Ringkasan per provinsi", "Summary by province"),
        "regions": t("Daerah", "Regions"), "assessed": t("Dinilai", "Assessed"),
        "mean": t("Rerata skor", "Mean score"), "weakest": t("Pilar terlemah", "Weakest pillar"),
    });
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    let mut render = || -> Result<String, minijinja::Error> {
        env.add_template("map.html", include_str!("map.html"))?;
        env.get_template("map.html")?.render(minijinja::context! {
            lang => lang.code(),
            t => texts,
            map => map,
            rows => rows,
            provinces => provinces,
            coverage => coverage(map, args, lang),
            filters => filters_text(args, lang),
        })
    };
    render().map_err(|e| {
        Failure::new(
            1,
            Message::new(
                format!("halaman peta tidak dapat disusun: {e}"),
                format!("cannot build the map page: {e}"),
            ),
        )
    })
}

pub fn run(cli: &Cli, args: &MapArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let store = cli.open_store_read()?;
    let filter = MapFilter {
        province: args.province.clone(),
        subsector: args.subsector.clone(),
        weak: args.weak.clone(),
        period: args.period.clone(),
        framework: args.framework_id.clone(),
    };
    let map = build(&store, &filter, lang).map_err(|e| match e {
        StoreError::Invalid(m) => Failure::new(EXIT_INVALID, m),
        other => Failure::from(other),
    })?;
    let bytes = match args.format {
        MapFormat::Table => table(&map, args, lang).into_bytes(),
        MapFormat::Csv => csv(&map, lang)?,
        MapFormat::Json => {
            let mut s = crate::safe_text::to_json_pretty(&map).map_err(Failure::from)?;
            s.push('\n');
            s.into_bytes()
        }
        MapFormat::Html => html(&map, args, lang)?.into_bytes(),
    };
    crate::cli::write_output(args.out.as_deref(), &bytes, lang, out)
}
