//! In-game time and the calendar: a fixed simulation tick is one minute of the journey in a
//! scene and an hour on the march.

use bevy::prelude::*;

use crate::sim::SimSystems;
use crate::states::Scale;

pub const MINUTES_PER_DAY: u64 = 24 * 60;
/// The journey starts at this hour of day 1: 08:00, morning in the camp.
pub const START_HOUR: u64 = 8;
pub const DUSK_HOUR: f32 = 19.0;
pub const DAWN_HOUR: f32 = 6.0;

/// Minutes since midnight before day 1.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GameClock {
    pub minutes: u64,
    /// Minutes one tick moves the clock: 1 in a scene, 60 on the march. Every rule reads its
    /// rates per hour and multiplies by `step_h`, so the same rules run on both scales.
    #[serde(skip, default = "one_minute")]
    pub step: u64,
}

fn one_minute() -> u64 {
    1
}

/// Minutes a tick moves the clock on the march.
pub const MARCH_STEP: u64 = 60;

impl Default for GameClock {
    fn default() -> Self {
        GameClock { minutes: START_HOUR * 60, step: 1 }
    }
}

impl GameClock {
    /// Hours the last tick covered.
    pub fn step_h(&self) -> f32 {
        self.step as f32 / 60.0
    }

    /// Whether the last tick reached `hour` of the day (whole hours): true once a day on
    /// either scale.
    pub fn just_reached(&self, hour: u64) -> bool {
        let at = hour * 60;
        let now = self.minutes % MINUTES_PER_DAY;
        let before = (self.minutes + MINUTES_PER_DAY - self.step.min(MINUTES_PER_DAY)) % MINUTES_PER_DAY;
        if before < now { before < at && at <= now } else { at > before || at <= now }
    }

    /// The day of the journey, starting at 1.
    pub fn day(&self) -> u32 {
        (self.minutes / MINUTES_PER_DAY) as u32 + 1
    }

    /// Hour of the day, 0 to 24 with fractions.
    pub fn hour(&self) -> f32 {
        (self.minutes % MINUTES_PER_DAY) as f32 / 60.0
    }

    pub fn is_night(&self) -> bool {
        let h = self.hour();
        !(DAWN_HOUR..DUSK_HOUR).contains(&h)
    }

    /// `HH:MM`.
    pub fn time_of_day(&self) -> String {
        let m = self.minutes % MINUTES_PER_DAY;
        format!("{:02}:{:02}", m / 60, m % 60)
    }
}

/// The night of the escape, day 1 of the journey: a February blizzard covers the tracks. The
/// film gives no date (only a winter storm) and Rawicz has the prisoners reach the camp in the
/// first week of February 1941. At the pace the march's rules walk (about 20 km a day over the
/// whole way, near the 12 miles a day an army keeps up in long operations: Moss, Manual of
/// Military Training, 1914, §1221), a start in early February puts the seasons where the story
/// has them: the taiga in deep cold, Baikal's ice rotting as the group reaches it, the Gobi in
/// high summer, the passes as winter closes, India at the year's end.
pub const ESCAPE_DATE: Date = Date { year: 1941, month: 2, day: 1 };

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Days since 1970-01-01 (negative before), by the civil calendar algorithm of
    /// H. Hinnant ("chrono-compatible low-level date algorithms").
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Date { year: (yoe + era * 400 + i64::from(month <= 2)) as i32, month, day }
    }

    pub fn plus_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "14 January 1941".
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, MONTHS[(self.month - 1) as usize], self.year)
    }
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl GameClock {
    /// The date of a day of the journey (day 1 is the escape).
    pub fn date_of(day: u32) -> Date {
        ESCAPE_DATE.plus_days(i64::from(day) - 1)
    }

    pub fn date(&self) -> Date {
        GameClock::date_of(self.day())
    }

    /// The month, 1 to 12, with the fraction of it gone (15 January is about 1.45): climate
    /// normals are read between months.
    pub fn month_f(&self) -> f32 {
        let d = self.date();
        let first = Date { day: 1, ..d };
        let next = if d.month == 12 {
            Date { year: d.year + 1, month: 1, day: 1 }
        } else {
            Date { month: d.month + 1, ..first }
        };
        let len = next.days_since_epoch() - first.days_since_epoch();
        d.month as f32 + (d.day as f32 - 1.0 + self.hour() / 24.0) / len as f32
    }
}

/// A tick is a minute on the ground and an hour on the march.
fn advance_clock(mut clock: ResMut<GameClock>, scale: Option<Res<State<Scale>>>) {
    clock.step = if scale.is_some_and(|s| *s.get() == Scale::March) { MARCH_STEP } else { 1 };
    clock.minutes += clock.step;
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<GameClock>();
    app.add_systems(FixedUpdate, advance_clock.in_set(SimSystems::Clock));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_calendar() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(d(1941, 1, 1).plus_days(365).iso(), "1942-01-01");
        // 1940 was a leap year, 1941 was not.
        assert_eq!(d(1940, 2, 28).plus_days(1), d(1940, 2, 29));
        assert_eq!(d(1941, 2, 28).plus_days(1), d(1941, 3, 1));
        assert_eq!(d(1941, 12, 31).plus_days(1).long(), "1 January 1942");
        for z in -20_000..-10_000 {
            assert_eq!(Date::from_days_since_epoch(z).days_since_epoch(), z);
        }
    }

    #[test]
    fn a_tick_reaches_an_hour_once_a_day_on_either_scale() {
        for step in [1, 60] {
            let mut clock = GameClock { minutes: 0, step };
            let mut times = 0;
            for _ in 0..(3 * MINUTES_PER_DAY / step) {
                clock.minutes += step;
                times += u32::from(clock.just_reached(7));
            }
            assert_eq!(times, 3, "step {step}");
        }
        let clock = GameClock { minutes: 15 * MINUTES_PER_DAY / 10, step: 1 };
        // Noon on the second day, 2 February: a day and a half into a month of 28 days.
        assert!((clock.month_f() - (2.0 + 1.5 / 28.0)).abs() < 0.001, "{}", clock.month_f());
    }

    #[test]
    fn the_level_files_know_the_escape_date() {
        assert_eq!(crate::levels::pool::ESCAPE_MONTH_DAY, (ESCAPE_DATE.month, ESCAPE_DATE.day));
    }
}
