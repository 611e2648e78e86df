import CProcess

/// A child subreaper: orphaned descendants of this process's children are
/// re-parented to it (not to init), where supervision finds and kills them.
enum Subreaper {
    /// Makes this process one; false where the kernel refuses.
    static func become() -> Bool { pyvs_become_subreaper() == 0 }
}
