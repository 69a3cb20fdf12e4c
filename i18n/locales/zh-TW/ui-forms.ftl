# 送出表單時顯示在欄位旁的錯誤（bot/ui/forms.py），以及解決事件表單（bot/ui/resolve_blocks.py）。

ui-form-title-missing = 需要標題：用幾個字說明什麼壞了。
ui-form-title-too-long = 標題請少於 {$limit} 個字元。
ui-form-pick-severity = 請選擇嚴重度。
ui-form-pick-type = 請從清單中選擇類型，或留空。
ui-form-bad-slug = 請使用英文字母或數字（例如 checkout-500s），或留空。
ui-form-pick-person = 請選擇一個人。
ui-form-update-what-missing = 請說明上次更新後發生了什麼。
ui-form-resolution-missing = 請用一句話說明是什麼解決了問題；事後檢討會引用這段文字。
ui-form-statuspage-title-missing = 狀態頁需要標題。
ui-form-statuspage-body-missing = 狀態頁需要內容。
ui-form-statuspage-pick-status = 請選擇狀態。

ui-resolve-title = 解決 {$id}
ui-resolve-title-short = 解決事件
ui-resolve-submit = 解決
ui-resolve-label = 是什麼解決了問題？
ui-resolve-hint = 用一兩句話寫下事後檢討的「解決方式」，例如：已回滾 4312，錯誤率回到基準。
