// Unit tests do no I/O, but CI runs them beside the integration and browser projects on two
// cores: a document rendered with embedded Noto Sans took more than the 5 s default there while
// taking one second on a quiet machine. A timeout only catches a test that hangs; speed is
// measured under bench/, never by a test's clock.
jest.setTimeout(20_000);
