"""Every interface string in both languages, in one table (the story has its own texts)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "title": {"en": "The Stockholm Channel", "ja": "ストックホルム・チャンネル"},
    "subtitle": {"en": "Stockholm, 1942 — a secret ceasefire",
                 "ja": "一九四二年、ストックホルム——秘密停戦交渉"},
    "new_game": {"en": "New game", "ja": "はじめから"},
    "continue": {"en": "Continue", "ja": "つづきから"},
    "load": {"en": "Load", "ja": "ロード"},
    "save": {"en": "Save", "ja": "セーブ"},
    "endings": {"en": "Endings", "ja": "エンディング"},
    "settings": {"en": "Settings", "ja": "設定"},
    "quit": {"en": "Quit", "ja": "終了"},
    "resume": {"en": "Resume", "ja": "再開"},
    "history": {"en": "History", "ja": "履歴"},
    "dossier": {"en": "Dossier", "ja": "機密文書"},
    "dossier_map": {"en": "The map of the front (F)", "ja": "戦線図（F）"},
    "dossier_treaty": {"en": "The treaty (T)", "ja": "協定文（T）"},
    "to_title": {"en": "Title screen", "ja": "タイトルへ"},
    "back": {"en": "Back", "ja": "戻る"},
    "close": {"en": "Close", "ja": "閉じる"},
    "yes": {"en": "Yes", "ja": "はい"},
    "no": {"en": "No", "ja": "いいえ"},
    "menu": {"en": "Menu", "ja": "メニュー"},
    "confirm_title": {"en": "Return to the title screen? "
                            "Progress since the last save will be lost.",
                      "ja": "タイトルに戻りますか？ 最後のセーブ以降の進行は失われます。"},
    "confirm_quit": {"en": "Quit the game? Progress since the last save will be lost.",
                     "ja": "ゲームを終了しますか？ 最後のセーブ以降の進行は失われます。"},
    "confirm_new": {"en": "Start a new game? The current one will be lost.",
                    "ja": "新しく始めますか？ 現在の進行は失われます。"},
    "quick_keys": {"en": "F5 quicksave · F9 quickload",
                   "ja": "F5 クイックセーブ · F9 クイックロード"},
    "flowchart": {"en": "Flowchart", "ja": "フローチャート"},
    "quicksave": {"en": "Quicksave", "ja": "クイックセーブ"},
    "autosave": {"en": "Autosave", "ja": "オートセーブ"},
    "slot_n": {"en": "Slot {n}", "ja": "スロット{n}"},
    "saved_to": {"en": "Saved: {slot}", "ja": "セーブしました：{slot}"},
    "loaded": {"en": "Loaded: {slot}", "ja": "ロードしました：{slot}"},
    "deleted": {"en": "Deleted: {slot}", "ja": "削除しました：{slot}"},
    "save_failed": {"en": "Could not save — play on, earlier saves are untouched",
                    "ja": "セーブできませんでした（以前のセーブは無事です。続けて遊べます）"},
    "autosave_failed": {"en": "Autosave failed — play on, earlier saves are untouched",
                        "ja": "オートセーブに失敗しました（以前のセーブは無事です）"},
    "load_failed": {"en": "Cannot load this save", "ja": "このセーブはロードできません"},
    "delete_failed": {"en": "Could not delete", "ja": "削除できませんでした"},
    "no_quicksave": {"en": "No quicksave yet (F5 makes one)",
                     "ja": "クイックセーブがまだありません（F5 で作成）"},
    "empty_slot": {"en": "empty", "ja": "空き"},
    "story_changed": {"en": "The story has changed since this save",
                      "ja": "このセーブの後で物語が変更されています"},
    "diverged_missing_node": {
        "en": "Decision {n} of {total} cannot be replayed: the scene where you made it "
              "is no longer in the story.",
        "ja": "{total}回の選択のうち{n}回目を再現できません。その選択をした場面が物語から"
              "削除されています。"},
    "diverged_elsewhere": {
        "en": "Decision {n} of {total} cannot be replayed: the story now leads somewhere "
              "else before it.",
        "ja": "{total}回の選択のうち{n}回目を再現できません。物語がその手前で別の場面へ"
              "進むようになりました。"},
    "diverged_missing_choice": {
        "en": "Decision {n} of {total} cannot be replayed: that choice has been removed.",
        "ja": "{total}回の選択のうち{n}回目を再現できません。その選択肢は削除されました。"},
    "diverged_hidden": {
        "en": "Decision {n} of {total} cannot be replayed: that choice is no longer "
              "offered there.",
        "ja": "{total}回の選択のうち{n}回目を再現できません。その選択肢はもう現れません。"},
    "diverged_disabled": {
        "en": "Decision {n} of {total} cannot be replayed: that choice is now unavailable "
              "there.",
        "ja": "{total}回の選択のうち{n}回目を再現できません。その選択肢は選べなくなりました。"},
    "diverged_state": {
        "en": "All {total} decisions still replay, but from decision {n} on things turn "
              "out differently than when you saved.",
        "ja": "{total}回の選択はすべて再現できましたが、{n}回目以降の結果がセーブ時と"
              "異なります。"},
    "diverged_tail": {"en": "You go on from just after decision {n}: nothing before it "
                            "is lost.",
                      "ja": "{n}回目の選択の直後から続けます。それまでの進行は失われません。"},
    "diverged_state_tail": {"en": "You go on from where you saved, as the story now has it.",
                            "ja": "現在の物語に沿って、セーブした地点から続けます。"},
    "go_on": {"en": "Go on", "ja": "続ける"},
    "replay": {"en": "Replay", "ja": "リプレイ"},
    "replay_playing": {"en": "playing", "ja": "再生中"},
    "replay_paused": {"en": "paused", "ja": "一時停止"},
    "decision_of": {"en": "decision {n}/{total}", "ja": "選択 {n}/{total}"},
    "replay_keys": {"en": "Space step · A auto/pause · T take over",
                    "ja": "Space 一手進む · A 自動/停止 · T 引き継ぐ"},
    "replay_over": {"en": "The replay has caught up with the save: over to you",
                    "ja": "リプレイはセーブ地点に達しました。ここからはご自身で"},
    "took_over": {"en": "You have taken over: the game is yours from here",
                  "ja": "引き継ぎました。ここからはご自身で進めます"},
    "the_end": {"en": "The End", "ja": "終"},
    "ending_reached": {"en": "Ending reached", "ja": "到達したエンディング"},
    "not_found": {"en": "Not yet found", "ja": "未到達"},
    "to_title_short": {"en": "Return to title", "ja": "タイトルへ戻る"},
    "autopilot_stopped": {"en": "The listed path cannot go on here: over to you",
                          "ja": "指定の選択肢はここで選べません。ここからはご自身で"},
    "click_continue": {"en": "Click or press Enter", "ja": "クリックまたは Enter"},
    "no_history": {"en": "Nothing has happened yet.", "ja": "まだ何も起きていない。"},
    "you_chose": {"en": "You chose", "ja": "選択"},
    "pressures": {"en": "Pressures", "ja": "情勢"},
    "terms": {"en": "Terms and facts", "ja": "条項と事実"},
    "yes_value": {"en": "yes", "ja": "はい"},
    "no_value": {"en": "no", "ja": "いいえ"},
    "nothing_shown": {"en": "The dossier is empty.", "ja": "文書は空である。"},
    "language": {"en": "Language", "ja": "言語"},
    "text_speed": {"en": "Text speed", "ja": "文字速度"},
    "text_size": {"en": "Text size", "ja": "文字サイズ"},
    "fullscreen": {"en": "Fullscreen", "ja": "フルスクリーン"},
    "music_volume": {"en": "Music volume", "ja": "音楽の音量"},
    "effects_volume": {"en": "Effects volume", "ja": "効果音の音量"},
    "muted": {"en": "Mute", "ja": "消音"},
    "sound_off": {"en": "Sound off (M turns it on)", "ja": "消音しました（M で戻す）"},
    "sound_on": {"en": "Sound on", "ja": "音を出します"},
    "reduced_motion": {"en": "Reduced motion", "ja": "動きを減らす"},
    "on": {"en": "On", "ja": "オン"},
    "off": {"en": "Off", "ja": "オフ"},
    "slow": {"en": "Slow", "ja": "遅い"},
    "normal": {"en": "Normal", "ja": "普通"},
    "fast": {"en": "Fast", "ja": "速い"},
    "instant": {"en": "Instant", "ja": "瞬時"},
    "small": {"en": "Small", "ja": "小"},
    "medium": {"en": "Medium", "ja": "中"},
    "large": {"en": "Large", "ja": "大"},
    "lang_en": {"en": "English", "ja": "English"},
    "lang_ja": {"en": "日本語", "ja": "日本語"},
    "settings_failed": {"en": "Settings could not be saved", "ja": "設定を保存できませんでした"},
    "story_errors": {"en": "The story has errors and cannot be played",
                     "ja": "物語にエラーがあるため開始できません"},
    "press_to_exit": {"en": "Press any key to exit", "ja": "何かキーを押すと終了します"},
    "stuck": {"en": "No choice can be taken here: the story is stuck.",
              "ja": "選べる選択肢がない。物語が行き詰まった。"},
    "keys_help": {"en": "Tab dossier · H history · Backspace back · Esc menu",
                  "ja": "Tab 文書 · H 履歴 · Backspace 戻る · Esc メニュー"},
    "chapter": {"en": "Chapter", "ja": "章"},
    # the flowchart and the endings gallery
    "confirm_branch": {"en": "Go back to this decision and play on from there? What you did "
                             "after it stays only in your saves.",
                       "ja": "この選択の場面に戻り、そこから進めますか？ "
                             "これより後の進行はセーブにだけ残ります。"},
    "cannot_branch": {"en": "Cannot go back there: the story has changed since",
                      "ja": "その場面には戻れません（物語が変更されています）"},
    "flow_taken": {"en": "taken", "ja": "選んだ選択肢"},
    "flow_untaken": {"en": "never taken", "ja": "未選択"},
    "flow_current": {"en": "you are here", "ja": "現在地"},
    "flow_this_game": {"en": "this game", "ja": "今回のプレイ"},
    "flow_earlier": {"en": "earlier games only", "ja": "以前のプレイのみ"},
    "flow_decision": {"en": "decision", "ja": "選択の場面"},
    "flow_ending": {"en": "ending", "ja": "結末"},
    "flow_keys": {"en": "←→ chapter · Tab ↑↓ decision · Enter go back there · Esc close",
                  "ja": "←→ 章 · Tab ↑↓ 選択の場面 · Enter そこへ戻る · Esc 閉じる"},
    "flow_nothing": {"en": "You have not reached this chapter yet.",
                     "ja": "この章にはまだ到達していない。"},
    "flow_other": {"en": "Other scenes", "ja": "その他の場面"},
    "first_reached": {"en": "first reached {date}", "ja": "初到達 {date}"},
    "endings_found": {"en": "{n} of {total} found", "ja": "{total}件中{n}件到達"},
    # the save/load screen
    "tab_auto": {"en": "Quick & auto", "ja": "クイック・オート"},
    "tab_auto_older": {"en": "Older autosaves", "ja": "以前のオート"},
    "tab_other": {"en": "Other", "ja": "その他"},
    "slot_empty": {"en": "Empty", "ja": "空きスロット"},
    "damaged": {"en": "Damaged", "ja": "破損"},
    "delete": {"en": "Delete", "ja": "削除"},
    "playtime": {"en": "Played {t}", "ja": "プレイ時間 {t}"},
    "playtime_hm": {"en": "{h} h {m:02d} min", "ja": "{h}時間{m:02d}分"},
    "playtime_m": {"en": "{m} min", "ja": "{m}分"},
    "playtime_short": {"en": "under a minute", "ja": "1分未満"},
    "decisions_1": {"en": "1 decision", "ja": "選択 1回"},
    "decisions_n": {"en": "{n} decisions", "ja": "選択 {n}回"},
    "ending_mark": {"en": "Ending: {title}", "ja": "エンディング：{title}"},
    "replay_mark": {"en": "saved during a replay", "ja": "リプレイ中のセーブ"},
    "other_story_mark": {"en": "a save of another story", "ja": "別の物語のセーブ"},
    "confirm_overwrite": {"en": "Overwrite this slot? The save in it will be lost.",
                          "ja": "上書きしますか？ 元のセーブは失われます。"},
    "confirm_load": {"en": "Load this save? Progress since the last save will be lost.",
                     "ja": "このセーブをロードしますか？ 最後のセーブ以降の進行は失われます。"},
    "confirm_replay": {"en": "Replay this save from the start? "
                             "Progress since the last save will be lost.",
                       "ja": "このセーブを最初からリプレイしますか？ "
                             "最後のセーブ以降の進行は失われます。"},
    "confirm_delete": {"en": "Delete this save? This cannot be undone.",
                       "ja": "このセーブを削除しますか？ 元には戻せません。"},
    "saveload_keys_save": {"en": "Arrows choose · Enter save · Del delete · "
                                 "PgUp/PgDn page · Esc close",
                           "ja": "矢印 選択 · Enter セーブ · Del 削除 · "
                                 "PgUp/PgDn ページ · Esc 閉じる"},
    "saveload_keys_load": {"en": "Arrows choose · Enter load · R replay · Del delete · "
                                 "PgUp/PgDn page · Esc close",
                           "ja": "矢印 選択 · Enter ロード · R リプレイ · Del 削除 · "
                                 "PgUp/PgDn ページ · Esc 閉じる"},
    # live reload (the author edits the story while the game runs)
    "reloaded": {"en": "Story reloaded: {what}", "ja": "物語を再読み込みしました：{what}"},
    "reloaded_same": {"en": "Story reloaded: no changes",
                      "ja": "物語を再読み込みしました（変更なし）"},
    "files_changed_1": {"en": "1 file changed", "ja": "1ファイル変更"},
    "files_changed_n": {"en": "{n} files changed", "ja": "{n}ファイル変更"},
    "adj_new": {"en": "{name} is new ({new})", "ja": "{name}を追加（{new}）"},
    "adj_dropped": {"en": "{name} removed", "ja": "{name}を削除"},
    "adj_clamped": {"en": "{name} {old} → {new}", "ja": "{name} {old} → {new}"},
    "adj_reset": {"en": "{name}: {old} no longer allowed, now {new}",
                  "ja": "{name}：{old}は使えなくなり{new}に"},
    "adj_visits_dropped": {"en": "visits of {name} forgotten", "ja": "{name}の訪問回数を破棄"},
    "adj_once_dropped": {"en": "once-only {name} forgotten", "ja": "一度きりの{name}を破棄"},
    "adj_more": {"en": "{n} more", "ja": "ほか{n}件"},
    "reload_failed": {"en": "The edited story has errors: still playing the last good version",
                      "ja": "編集後の物語にエラーがあります。直前の正常な版で続行中"},
    "reload_node_gone": {"en": "Not reloaded: still playing the last good version",
                         "ja": "再読み込みしていません。直前の正常な版で続行中"},
    "reload_node_gone_why": {
        "en": "The scene on screen, '{node}', is no longer in the story: it was removed or "
              "renamed. The game cannot stand on a scene that does not exist.",
        "ja": "表示中の場面「{node}」が物語にありません（削除または改名）。"
              "存在しない場面にはとどまれません。"},
    "reload_node_gone_fix": {
        "en": "Put the node back (or undo the rename) and save; or play on to another scene "
              "and press Ctrl+R.",
        "ja": "ノードを戻す（改名を取り消す）か、別の場面へ進んでから Ctrl+R を押してください。"},
    "reload_keys": {"en": "Fix and save: it reloads by itself · Ctrl+R reload · "
                          "Esc or click: close and play on",
                    "ja": "修正して保存すると自動で再読み込み · Ctrl+R 再読み込み · "
                          "Esc／クリックで閉じて続行"},
    "launch_fix_hint": {"en": "Fix the story and save: the game starts by itself (Ctrl+R reloads)",
                        "ja": "物語を修正して保存すると自動で始まります（Ctrl+R で再読み込み）"},
    "back_story_changed": {
        "en": "The story was edited: decision {n} no longer replays, so you are back just "
              "before it",
        "ja": "物語が編集されたため{n}回目の選択を再現できず、その直前まで戻りました"},
    # the debug overlay (F3)
    "debug_badge": {"en": "DEBUG", "ja": "デバッグ"},
    "debug_title": {"en": "Debug", "ja": "デバッグ"},
    "debug_variables": {"en": "Variables", "ja": "変数"},
    "debug_visits": {"en": "Visits", "ja": "訪問回数"},
    "debug_no_visits": {"en": "no node entered yet", "ja": "まだどのノードにも入っていない"},
    "debug_jump": {"en": "Jump to node", "ja": "ノードへ移動"},
    "debug_jump_hint": {"en": "type part of a node id, Enter jumps",
                        "ja": "ノードIDの一部を入力、Enter で移動"},
    "debug_no_match": {"en": "no node matches", "ja": "一致するノードなし"},
    "debug_range": {"en": "{low} to {high}", "ja": "{low}〜{high}"},
    "debug_default": {"en": "default {value}", "ja": "初期値 {value}"},
    "debug_typing": {"en": "typing: {text}_   Enter sets · Esc cancels",
                     "ja": "入力中：{text}_   Enter で設定 · Esc で取消"},
    "debug_free_text": {"en": "Enter to type a value", "ja": "Enter で値を入力"},
    "debug_keys_panel": {"en": "↑↓ variable · ←→ +− change · 0-9 type · Tab jump box · "
                               "click the story to play it · F3 Esc close",
                         "ja": "↑↓ 変数 · ←→ +− 変更 · 0-9 入力 · Tab 移動欄 · "
                               "物語をクリックで操作 · F3 Esc 閉じる"},
    "debug_keys_game": {"en": "Keys go to the story · click the panel to edit · F3 close",
                        "ja": "キー操作は物語へ · パネルをクリックで編集 · F3 閉じる"},
    "debug_session": {"en": "Debug session: the state was changed by hand, so saves and "
                            "progress are off",
                      "ja": "デバッグ中：状態を手で変更したため、セーブと進行の記録は"
                            "行われません"},
    "debug_no_saves": {"en": "Saves are off in a debug session: a state changed by hand "
                             "cannot be replayed from its decisions",
                       "ja": "デバッグ中はセーブできません。手で変更した状態は選択の記録から"
                             "再現できないためです"},
    # the treaty (game/ui/scenes/treaty_scene.py)
    "treaty": {"en": "The treaty", "ja": "協定文"},
    "read_treaty": {"en": "Read the treaty (T)", "ja": "協定文を読む（T）"},
    "treaty_draft": {"en": "Draft: still at the table", "ja": "草案：交渉中"},
    "treaty_signed": {"en": "Signed", "ja": "調印済"},
    "treaty_signed_by_other": {"en": "Signed by another hand", "ja": "別の手により調印"},
    "treaty_not_signed": {"en": "Never signed", "ja": "未調印"},
    "article_agreed": {"en": "agreed as drafted", "ja": "原案どおり合意"},
    "article_amended": {"en": "amended", "ja": "修正"},
    "article_struck": {"en": "struck out", "ja": "削除"},
    "article_open": {"en": "still open", "ja": "未決"},
    "treaty_keys": {"en": "↑↓ PgUp PgDn scroll · L the other text · T Esc close",
                    "ja": "↑↓ PgUp PgDn 送り · L 他方の正文 · T Esc 閉じる"},
}


def t(key: str, lang: str) -> str:
    """The string in `lang`, English when it has no translation, the key when unknown."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry.get("en") or key
