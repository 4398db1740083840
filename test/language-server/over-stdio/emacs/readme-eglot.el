;;; readme-eglot.el --- -*- lexical-binding: t -*-
;;; Driven by emacs.test.ts, in a terminal Emacs (a real command loop: eglot and flymake work on
;;; idle timers, eglot's file watching on file-notify events, neither of which batch Emacs has).
;;; Loads the README's configuration as a user puts it in init.el (COPIS_CONFIG: the snippet, its
;;; command pointed at the bundle), opens a .copis file and uses it: diagnostics, an edit, a file
;;; created on disk, formatting.  Each step writes a line to COPIS_RESULT; then Emacs exits.
(package-activate-all)
(require 'flymake)
(require 'json)
(load (getenv "COPIS_CONFIG"))

(defvar copis-out nil)
(defun copis-say (fmt &rest args) (push (apply #'format fmt args) copis-out))

(defun copis-wait (what predicate)
  "Waits, as an idle editor does, until PREDICATE holds (30 s at most)."
  (let ((deadline (+ (float-time) 30)) (value nil))
    (while (and (< (float-time) deadline) (not (setq value (funcall predicate))))
      ;; eglot-ensure connects from post-command-hook, and no key is pressed here.
      (run-hooks 'post-command-hook)
      (sit-for 0.1))
    (unless value (copis-say "timeout: %s" what))
    value))

(defun copis-diagnostics ()
  (sort (mapcar #'flymake-diagnostic-text (flymake-diagnostics)) #'string<))

(defun copis-mentions (name)
  (lambda () (seq-some (lambda (d) (string-match-p (regexp-quote (format "`%s`" name)) d)) (copis-diagnostics))))

(defun copis-drive ()
  (find-file (getenv "COPIS_FILE"))
  (copis-say "mode: %s" major-mode)
  (copis-wait "a server" #'eglot-current-server)
  (copis-say "root: %s" (and (eglot-current-server) (directory-file-name (project-root (eglot--project (eglot-current-server))))))
  (copis-wait "diagnostics" #'flymake-diagnostics)
  (dolist (d (copis-diagnostics)) (copis-say "diagnostic: %s" d))
  ;; An edit: `Ridr` becomes `Walker`, declared nowhere yet.
  (goto-char (point-min))
  (search-forward "Ridr")
  (replace-match "Walker")
  (copis-wait "Walker unresolved" (copis-mentions "Walker"))
  (copis-say "after the edit: %s" (string-join (copis-diagnostics) " | "))
  ;; A file created outside the editor declares it: eglot's watcher tells the server.
  (with-temp-file (expand-file-name "walker.copis" (file-name-directory (getenv "COPIS_FILE")))
    (insert "customer Walker \"Walker\" { value low }\n"))
  (copis-wait "Walker resolved" (lambda () (not (funcall (copis-mentions "Walker")))))
  (copis-say "after a file on disk: %s" (string-join (copis-diagnostics) " | "))
  ;; Formatting the buffer.
  (goto-char (point-min))
  (insert "   ")
  (eglot-format-buffer)
  (copis-say "formatted: %s" (json-encode (buffer-substring-no-properties (point-min) (point-max))))
  (copis-say "server alive: %s" (if (and (eglot-current-server) (jsonrpc-running-p (eglot-current-server))) "yes" "no")))

(run-with-timer
 0.2 nil
 (lambda ()
   (let ((code 0))
     (condition-case err (copis-drive)
       (error (copis-say "error: %S" err) (setq code 1)))
     (with-temp-file (getenv "COPIS_RESULT") (insert (string-join (reverse copis-out) "\n") "\n"))
     (let ((server (ignore-errors (eglot-current-server)))) (when server (ignore-errors (eglot-shutdown server))))
     (kill-emacs code))))
