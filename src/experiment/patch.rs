//! Setting a scenario field by its dotted path (`levers.procurement_quota.resident_share`,
//! `neighbourhoods[0].residents.count`), for sweeps. The scenario goes through its serde
//! form, so every field the file format has can be a factor, with no list to maintain.

use crate::scenario::Scenario;
use serde_json::Value;

/// The type of a scenario field a factor sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A decimal number: takes any value.
    Number,
    /// A whole number (a count, years, a seed).
    Whole,
    /// A switch (`true`/`false`), set by 1 and 0.
    Switch,
}

impl FieldKind {
    /// A value of a sampled design (Latin hypercube, Morris: continuous over `min..max`)
    /// mapped onto the field's type: whole numbers are rounded to the nearest (halves away
    /// from zero), switches are on from 0.5. Decimal fields keep the value.
    pub fn map(self, v: f64) -> f64 {
        match self {
            FieldKind::Number => v,
            FieldKind::Whole => v.round(),
            FieldKind::Switch => {
                if v >= 0.5 {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }
}

fn walk<'a>(v: &'a mut Value, path: &str) -> Result<&'a mut Value, String> {
    let mut cur = v;
    let mut walked = String::new();
    for part in path.split('.') {
        let (name, index) = match part.find('[') {
            Some(i) => {
                let idx: usize = part[i + 1..].trim_end_matches(']').parse().map_err(|_| {
                    format!("`{part}` in `{path}`: the index must be a whole number")
                })?;
                (&part[..i], Some(idx))
            }
            None => (part, None),
        };
        let obj = cur
            .as_object_mut()
            .ok_or_else(|| format!("`{walked}` has no fields, so `{path}` does not exist"))?;
        let names: Vec<&str> = obj.keys().map(String::as_str).collect();
        if !obj.contains_key(name) {
            let hint = crate::scenario::did_you_mean(name, &names);
            return Err(format!(
                "`{path}`: no field `{name}` in `{}`; {hint}",
                if walked.is_empty() {
                    "the scenario"
                } else {
                    &walked
                }
            ));
        }
        cur = obj.get_mut(name).expect("checked above");
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(part);
        if let Some(i) = index {
            let len = cur.as_array().map(|a| a.len()).unwrap_or(0);
            cur = cur
                .as_array_mut()
                .and_then(|a| a.get_mut(i))
                .ok_or_else(|| format!("`{path}`: `{name}` has {len} elements, no [{i}]"))?;
        }
    }
    Ok(cur)
}

/// The type of the field at `path`, or why it cannot be a factor.
pub fn kind(s: &Scenario, path: &str) -> Result<FieldKind, String> {
    let mut v = serde_json::to_value(s.resolved()).map_err(|e| e.to_string())?;
    match walk(&mut v, path)? {
        Value::Bool(_) => Ok(FieldKind::Switch),
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(FieldKind::Whole),
        Value::Number(_) => Ok(FieldKind::Number),
        _ => Err(format!("`{path}` is not a number or a switch")),
    }
}

/// The value of the number or switch (1 or 0) at `path` in `s`.
pub fn get(s: &Scenario, path: &str) -> Result<f64, String> {
    let mut v = serde_json::to_value(s.resolved()).map_err(|e| e.to_string())?;
    match walk(&mut v, path)? {
        Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| format!("`{path}` is not a number")),
        _ => Err(format!("`{path}` is not a number or a switch")),
    }
}

/// The switch that makes a factor do nothing: the nearest `enabled` field of the factor's
/// own section or one above it that is off in `s`, unless that switch is itself one of
/// `factors`. A sweep of such a factor would run every point the same.
pub fn inert_because(s: &Scenario, path: &str, factors: &[&str]) -> Option<String> {
    let mut v = serde_json::to_value(s.resolved()).ok()?;
    let mut prefix = path;
    while let Some(cut) = prefix.rfind('.') {
        prefix = &prefix[..cut];
        let switch = format!("{prefix}.enabled");
        if switch == path || factors.contains(&switch.as_str()) {
            return None;
        }
        if let Ok(Value::Bool(false)) = walk(&mut v, &switch).map(|x| x.clone()) {
            return Some(switch);
        }
    }
    None
}

/// Returns a copy of `s` with the field at `path` set to `value`, or a message saying
/// which part of the path does not exist.
pub fn set(s: &Scenario, path: &str, value: f64) -> Result<Scenario, String> {
    let mut v = serde_json::to_value(s.resolved()).map_err(|e| e.to_string())?;
    let cur = walk(&mut v, path)?;
    *cur = match cur {
        Value::Bool(_) => Value::Bool(value != 0.0),
        Value::Number(n) if n.is_u64() || n.is_i64() => {
            if value.fract() != 0.0 || value < 0.0 {
                return Err(format!("`{path}` takes a whole number, not {value}"));
            }
            Value::from(value as u64)
        }
        Value::Number(_) => Value::from(value),
        _ => return Err(format!("`{path}` is not a number or a switch")),
    };
    serde_json::from_value(v).map_err(|e| format!("`{path}` = {value}: {e}"))
}

/// A `PATH=VALUE` assignment from the command line (`--set`) or a program, split and
/// checked for form only.
pub fn parse_assignment(text: &str) -> Result<(&str, &str), String> {
    match text.split_once('=') {
        Some((path, value)) if !path.trim().is_empty() && !value.trim().is_empty() => {
            Ok((path.trim(), value.trim()))
        }
        _ => Err(format!(
            "`{text}` is not PATH=VALUE\n  hint: e.g. --set levers.procurement_quota.resident_share=0.3 or --set coins.enabled=true"
        )),
    }
}

/// Returns a copy of `s` with the field at `path` set from the text `value`: a number, or
/// `true`/`false` (also 1/0) for a switch; then the scenario is validated. The message
/// names the path, the value, what is allowed and a did-you-mean for unknown fields.
pub fn assign(s: &Scenario, path: &str, value: &str) -> Result<Scenario, String> {
    let number = match (kind(s, path)?, value) {
        (FieldKind::Switch, "true" | "1") => 1.0,
        (FieldKind::Switch, "false" | "0") => 0.0,
        (FieldKind::Switch, _) => {
            return Err(format!(
                "`{path}` is a switch, not \"{value}\"; allowed: true, false (or 1, 0)"
            ));
        }
        (k, _) => {
            let v: f64 = value
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| {
                    format!(
                        "`{path}` takes {}, not \"{value}\"",
                        if k == FieldKind::Whole {
                            "a whole number"
                        } else {
                            "a number"
                        }
                    )
                })?;
            v
        }
    };
    let t = set(s, path, number)?;
    match crate::scenario::validate::check(&t).into_iter().next() {
        None => Ok(t),
        Some(p) => Err(format!(
            "the scenario is then not valid: `{}` {}{}",
            p.path,
            p.message,
            p.hint.map(|h| format!("\n  hint: {h}")).unwrap_or_default()
        )),
    }
}

/// Applies `PATH=VALUE` assignments in order ([`assign`]); the message of the first that
/// fails starts with `--set` and the assignment.
pub fn assign_all(s: &Scenario, assignments: &[String]) -> Result<Scenario, String> {
    let mut out = s.clone();
    for a in assignments {
        let (path, value) = parse_assignment(a).map_err(|e| format!("--set {e}"))?;
        out = assign(&out, path, value).map_err(|e| format!("--set {a}: {e}"))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_nested_fields_and_rejects_unknown_ones() {
        let s = Scenario::default();
        let t = set(&s, "levers.procurement_quota.resident_share", 0.3).unwrap();
        assert_eq!(t.levers.procurement_quota.resident_share, 0.3);
        let t = set(&s, "neighbourhoods[0].residents.count", 1200.0).unwrap();
        assert_eq!(t.neighbourhoods[0].residents.count, 1200);
        let t = set(
            &s,
            "neighbourhoods[0].businesses.sectors.care.wage_eur_per_month",
            3000.0,
        )
        .unwrap();
        assert_eq!(
            t.neighbourhoods[0]
                .businesses
                .sectors
                .care
                .wage_eur_per_month,
            Some(3000.0)
        );
        let t = set(&s, "coins.enabled", 1.0).unwrap();
        assert!(t.coins.enabled);
        let e = set(&s, "levers.procurement_quota.resident_shar", 0.3).unwrap_err();
        assert!(e.contains("did you mean `resident_share`"), "{e}");
        assert!(set(&s, "neighbourhoods[3].residents.count", 1.0).is_err());
        assert!(set(&s, "run.years", 2.5).is_err());
    }

    #[test]
    fn assignments_from_text_set_numbers_and_switches_and_say_what_is_wrong() {
        let s = Scenario::default();
        let t = assign_all(
            &s,
            &[
                "levers.procurement_quota.resident_share=0.3".into(),
                "coins.enabled=true".into(),
                "run.years=3".into(),
            ],
        )
        .unwrap();
        assert_eq!(t.levers.procurement_quota.resident_share, 0.3);
        assert!(t.coins.enabled);
        assert_eq!(t.run.years, 3);
        let e = assign_all(&s, &["levers.procurment_quota.resident_share=0.3".into()]).unwrap_err();
        assert!(e.starts_with("--set levers.procurment_quota"), "{e}");
        assert!(e.contains("did you mean `procurement_quota`"), "{e}");
        let e = assign(&s, "coins.enabled", "yes").unwrap_err();
        assert!(e.contains("allowed: true, false"), "{e}");
        let e = assign(&s, "run.years", "two").unwrap_err();
        assert!(e.contains("a whole number, not \"two\""), "{e}");
        let e = assign(&s, "run.years", "2.5").unwrap_err();
        assert!(e.contains("whole number"), "{e}");
        let e = assign(&s, "levers.procurement_quota.resident_share", "1.5").unwrap_err();
        assert!(
            e.contains("not valid: `levers.procurement_quota.resident_share`"),
            "{e}"
        );
        let e = assign_all(&s, &["run.years".into()]).unwrap_err();
        assert!(e.contains("is not PATH=VALUE"), "{e}");
    }
}
