//! Pod logs.
