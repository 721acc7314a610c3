//! Reports of one assessment (Markdown and HTML).

use crate::assessment::Assessment;
use crate::framework::Framework;
use crate::i18n::Lang;

pub fn markdown(_framework: &Framework, assessment: &Assessment, _lang: Lang) -> String {
    format!("# {}\n", assessment.region.name)
}

pub fn html(_framework: &Framework, assessment: &Assessment, _lang: Lang) -> anyhow::Result<String> {
    Ok(format!("<h1>{}</h1>", assessment.region.name))
}
