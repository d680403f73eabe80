use super::meta::{convert_meta, jiff_to_chrono, non_empty, opt_time};
use super::{ConvertOptions, ToSlim, u32_of};
use atl_core::k8s::{Event, ObjectRef};
use k8s_openapi::api::core::v1 as core;

impl ToSlim for core::Event {
    type Slim = Event;

    /// core/v1 events, including ones written through events.k8s.io (which fill only
    /// eventTime, series and reportingController; the original reported them at time zero).
    fn to_slim(&self, _opts: &ConvertOptions) -> Event {
        let io = &self.involved_object;
        let event_time = self.event_time.as_ref().and_then(|t| jiff_to_chrono(&t.0));
        let series = self.series.as_ref();
        let series_last = series
            .and_then(|s| s.last_observed_time.as_ref())
            .and_then(|t| jiff_to_chrono(&t.0));
        let count = match self.count {
            Some(c) if c > 0 => u32_of(Some(c)),
            _ => series
                .map(|s| u32_of(s.count))
                .filter(|c| *c > 0)
                .unwrap_or(1),
        };
        Event {
            meta: convert_meta(&self.metadata),
            type_: self.type_.clone().unwrap_or_else(|| "Normal".into()),
            reason: self.reason.clone().unwrap_or_default(),
            message: self.message.clone().unwrap_or_default(),
            source: self
                .source
                .as_ref()
                .and_then(|s| non_empty(s.component.as_ref()))
                .or_else(|| non_empty(self.reporting_component.as_ref())),
            involved: ObjectRef {
                kind: io.kind.clone().unwrap_or_default(),
                namespace: non_empty(io.namespace.as_ref()),
                name: io.name.clone().unwrap_or_default(),
                uid: non_empty(io.uid.as_ref()),
            },
            count,
            first_seen: opt_time(self.first_timestamp.as_ref()).or(event_time),
            last_seen: opt_time(self.last_timestamp.as_ref())
                .or(series_last)
                .or(event_time),
        }
    }
}
