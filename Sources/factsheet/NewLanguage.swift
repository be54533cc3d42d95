import ArgumentParser
import FactsheetIO
import FactsheetInput
import FactsheetPresentation
import FactsheetSite
import FactsheetSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `factsheet new-language`: a new language made from one the edition has, ready to translate.
struct NewLanguageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-language",
        abstract: "Add a language: a copy of another language's templates and names, ready to translate.",
        discussion: """
            Copies the --from language's template folder to a new folder named KEY (its strings.yaml gets \
            the tag and 'copied_from: LANG'), adds the register column name_KEY with the --from language's \
            names, and adds KEY to languages: and to every per-language value of factsheet.yaml (publisher, \
            period notes) with the --from language's text; comments and layout are kept. Everything is \
            checked by a build in memory first and written only then. Prints what is to be translated; \
            'factsheet check' then warns about every phrase still as in --from. Refuses, writing nothing: \
            a KEY that is not a language key or is listed already, an unknown --from (exit code 64), a \
            KEY whose template folder exists (73), an edition that does not build with the new language (65).
            """
    )

    @Argument(
        help:
            "The new language's key, naming its folder, register column and output folder: two to eight lower-case letters, optionally '-' and more letters or digits (de, de-ch)."
    )
    var key: String

    @Option(name: .long, help: "The language to copy, one of the edition's languages (en).")
    var from: String

    @Option(name: .long, help: "The new language's BCP 47 tag for numbers, dates and plural rules (default: the key).")
    var tag: String?

    @OptionGroup var folders: Folders

    func validate() throws {
        guard AddedLanguage.isKey(key) else {
            throw ValidationError(
                "'\(key)' is not a language key: expected two to eight lower-case letters (de, fr), optionally followed by '-' and more letters or digits (de-ch); nothing was written"
            )
        }
        if let tag, !Self.isTag(tag) {
            throw ValidationError("--tag \(tag): expected a BCP 47 language tag such as 'de', 'de-CH' or 'sr-Cyrl'; nothing was written")
        }
    }

    /// Language, script and region subtags: letters and digits in parts joined by `-`, the first of two or three letters.
    static func isTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    func run() async throws {
        let templatesFolder =
            folders.templates.hasSuffix("/") && folders.templates.count > 1 ? String(folders.templates.dropLast()) : folders.templates
        let target = "\(templatesFolder)/\(key)"
        var status = stat()
        if lstat(target, &status) == 0 {
            Console.line("error: \(target): the folder already exists; new-language makes a new language folder only (nothing was written)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        let (edition, templates) = try Pipeline.read(folders)
        let folder: [AddedLanguage.File]
        do {
            folder = try Self.files(in: "\(templatesFolder)/\(from)")
        } catch {
            Console.line("error: \(FileError.sentence(error, path: "\(templatesFolder)/\(from)")) (nothing was written)")
            throw ExitCode(ExitStatus.ioError)
        }
        let added: AddedLanguage
        do {
            added = try AddedLanguage(key: key, from: from, tag: tag, edition: edition, templates: templates, folder: folder)
        } catch let refusal as AddedLanguage.Refusal {
            switch refusal {
            case .notAKey, .notATag:
                // validate() has refused these already.
                Console.line("error: '\(key)' is not a language key (nothing was written)")
                throw ExitCode.validationFailure
            case .unknownSource(let source, let known):
                Console.line(
                    "error: --from \(source): not a language of this edition with a template folder; expected one of \(known.joined(separator: ", ")) (\(folders.input)/factsheet.yaml, languages:) (nothing was written)"
                )
                throw ExitCode.validationFailure
            case .alreadyListed(let key):
                Console.line(
                    "error: '\(key)' is in languages: of \(folders.input)/factsheet.yaml already, but has no folder in \(templatesFolder)/; copy a language folder there by hand, or take '\(key)' out of languages: first (nothing was written)"
                )
                throw ExitCode.validationFailure
            case .folderExists(let key):
                Console.line(
                    "error: \(templatesFolder)/\(key): the folder already exists; new-language makes a new language folder only (nothing was written)"
                )
                throw ExitCode(ExitStatus.cannotCreate)
            }
        } catch let error as DiagnosticsError {
            Pipeline.report(error)
        }

        // The edition as it will be, built in memory: nothing is written unless it builds.
        let (newEdition, newTemplates) = added.applied(to: edition, templates: templates)
        do {
            _ = try await FactsheetBuilder(progress: { _ in }).build(edition: newEdition, templates: newTemplates, into: DiscardingSink())
        } catch let error as DiagnosticsError {
            Pipeline.report(error, outcome: "with '\(key)' added the edition would not build, so nothing was written")
        } catch {
            Console.line("error: \(FileError.sentence(error, path: folders.input)) (nothing was written)")
            throw ExitCode(ExitStatus.ioError)
        }

        let inputFolder = folders.input.hasSuffix("/") && folders.input.count > 1 ? String(folders.input.dropLast()) : folders.input
        do {
            try LanguageFiles.write(
                folder: target, files: added.templateFiles.map { (String($0.path.dropFirst(key.count + 1)), $0.bytes) },
                replacing: added.editionFiles.map { ("\(inputFolder)/\($0.path)", $0.bytes) })
        } catch let error as LanguageFiles.Exists {
            Console.line(
                "error: \(error.path): the folder already exists; new-language makes a new language folder only (nothing was written)")
            throw ExitCode(ExitStatus.cannotCreate)
        } catch {
            Console.line("error: \(FileError.sentence(error, path: target)); what was written is undone, nothing was changed")
            throw ExitCode(ExitStatus.ioError)
        }
        report(added, target: target, input: inputFolder)
    }

    /// What was written and what is now to be translated.
    private func report(_ added: AddedLanguage, target: String, input: String) {
        let register = added.editionFiles.dropFirst().first.map { "\(input)/\($0.path)" }
        let settings = ["languages"] + added.copiedSettings
        Console.progress(
            "wrote \(target)/ (\(added.templateFiles.map { String($0.path.dropFirst(key.count + 1)) }.joined(separator: ", "))), "
                + (register.map { "the column name_\(key) in \($0), " } ?? "")
                + "and '\(key)' in \(input)/factsheet.yaml (\(settings.joined(separator: ", ")))")
        var lines = [
            "\(target)/\(LanguageSources.stringsFileName): \(added.copiedPhrases) phrases, every one still as in '\(from)' (tag: \(added.tag))"
        ]
        for file in added.templateFiles.dropFirst() {
            lines.append("\(target)/\(file.path.dropFirst(key.count + 1)): still the '\(from)' text")
        }
        if let register {
            lines.append("\(register): the column name_\(key), still the '\(from)' names")
        } else {
            lines.append("the register's name_\(key) column was there already and is kept as it was")
        }
        if !added.copiedSettings.isEmpty {
            lines.append(
                "\(input)/factsheet.yaml: '\(key):' under \(added.copiedSettings.joined(separator: ", ")), still the '\(from)' text")
        }
        for (language, donor) in added.officialSentences {
            if let donor {
                lines.append("\(target)/\(LanguageSources.stringsFileName): official_version.\(language), copied from '\(donor)'")
            } else {
                lines.append(
                    "\(target)/\(LanguageSources.stringsFileName): official_version.\(language) is missing (no language has one to copy); write it"
                )
            }
        }
        Console.progress("to translate:\n" + lines.map { "  " + $0 }.joined(separator: "\n"))
        Console.progress(
            "next: translate them (phrases with a count need the plural forms '\(added.tag)' has), then run 'factsheet check --input \(folders.input) --templates \(folders.templates)': it warns about every phrase still as in '\(from)'"
        )
    }

    /// Every file below `folder`, by its path inside it; hidden files (an editor's) are left out.
    static func files(in folder: String) throws -> [AddedLanguage.File] {
        var status = stat()
        guard stat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return [] }
        var files: [AddedLanguage.File] = []
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw FileError.describing(error, path: folder, action: "read")
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = "\(folder)/\(name)"
            guard stat(path, &status) == 0 else { throw FileError.system(path, "read", code: errno) }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                files += try Self.files(in: path).map { AddedLanguage.File(path: "\(name)/\($0.path)", bytes: $0.bytes) }
            } else if (status.st_mode & S_IFMT) == S_IFREG {
                do {
                    files.append(AddedLanguage.File(path: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
                } catch {
                    throw FileError.describing(error, path: path, action: "read")
                }
            }
        }
        return files
    }
}

/// Writes a new language folder and replaces edition files, all or nothing.
enum LanguageFiles {
    struct Exists: Error {
        let path: String
    }

    /// Writes each of `replacing` to a new file beside its original, makes `folder` (it must not
    /// exist) with `files` in it, then renames the new files over the originals. On any failure
    /// the new files and the folder are removed and the originals renamed over put back, and the
    /// error is thrown.
    static func write(folder: String, files: [(String, [UInt8])], replacing: [(String, [UInt8])]) throws {
        let suffix = ".new-language-\(getpid())"
        var temporary: [String] = []
        var folderMade = false
        var replaced: [(path: String, original: [UInt8])] = []
        do {
            for (path, bytes) in replacing {
                let parent = (path as NSString).deletingLastPathComponent
                let name = (path as NSString).lastPathComponent
                let temp = (parent.isEmpty ? "" : parent + "/") + "." + name + suffix
                try FileSystem.writeNew(bytes, to: temp, shown: path)
                temporary.append(temp)
                var status = stat()
                if stat(path, &status) == 0 { chmod(temp, status.st_mode & 0o7777) }
            }
            guard mkdir(folder, 0o755) == 0 else {
                if errno == EEXIST { throw Exists(path: folder) }
                throw FileError.system(folder, "made as a folder", code: errno)
            }
            folderMade = true
            for (relative, bytes) in files {
                let file = folder + "/" + relative
                try FileSystem.makeFolders((file as NSString).deletingLastPathComponent)
                try FileSystem.writeNew(bytes, to: file)
            }
            for (index, (path, _)) in replacing.enumerated() {
                let original = Array((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data())
                try FileSystem.rename(temporary[index], to: path, shown: path)
                replaced.append((path, original))
            }
        } catch {
            for (path, original) in replaced.reversed() {
                try? FileSystem.write(original, to: path)
            }
            for temp in temporary { unlink(temp) }
            if folderMade { try? FileManager.default.removeItem(atPath: folder) }
            throw error
        }
    }
}
