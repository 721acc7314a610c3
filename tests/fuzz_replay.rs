//! Every input the fuzzer keeps — its seed corpus and every input that ever crashed a
//! target — is replayed here: the framework loader and the importer must return
//! (accept or refuse) on each, never panic. New crashes are added by
//! `cargo bench --bench fuzz` (see BENCHMARKS.md).

mod fuzzing;

use fuzzing::Target;

#[test]
fn every_kept_input_is_refused_or_accepted_without_a_panic() {
    for target in [Target::Loader, Target::Import] {
        let inputs = target.kept_inputs();
        assert!(!inputs.is_empty(), "{}: the corpus is there", target.name());
        for path in inputs {
            let bytes = std::fs::read(&path).expect("a kept input");
            let outcome = std::panic::catch_unwind(|| target.run(&bytes));
            assert!(outcome.is_ok(), "{} panicked on {}", target.name(), path.display());
        }
    }
}
