
# ---------------------------------------------------------------------------------------------------
# Hand-written part (cli/src/completion/values.bash, appended to picocli's script by GeneratedDocsTest):
# the values picocli's model cannot know. --device: block devices and directories under /dev (e.g.
# /dev/mapper/, /dev/disk/by-id/), any file elsewhere (simulated devices need no node); --vg: the VG
# names lvm reports, when lvm is installed. --access and --prtype come from the model (PrOptions).
function _complete_lvmpersist_with_values() {
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}
  case ${prev_word} in
    '--device')
      local IFS=$'\n' path
      COMPREPLY=()
      type compopt &>/dev/null && compopt -o filenames
      if [[ -z "${curr_word}" ]]; then
        curr_word=/dev/
      fi
      for path in $(compgen -f -- "${curr_word}"); do
        if [[ "${path}" != /dev/* || -b "${path}" || -d "${path}" ]]; then
          COMPREPLY+=("${path}")
        fi
      done
      return 0
      ;;
    '--vg')
      COMPREPLY=()
      if command -v vgs &>/dev/null; then
        COMPREPLY=( $(compgen -W "$(vgs -o vg_name --noheadings 2>/dev/null)" -- "${curr_word}") )
      fi
      return 0
      ;;
  esac
  _complete_lvmpersist "$@"
}

complete -F _complete_lvmpersist_with_values -o default lvmpersist lvmpersist.sh lvmpersist.bash
