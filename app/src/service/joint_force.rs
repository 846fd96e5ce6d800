//! Joint-Force: audits of instant takedowns, authenticity inquiries, suspicion lists, listing search.
