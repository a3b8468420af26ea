; Inno Setup script for PaddleDesk on Windows (not built on the project's Linux machines).
; One command on Windows, from the checkout, in a venv with `pip install -e .[package]`:
;     python packaging\build.py
; which renders the icons, runs PyInstaller (dist\paddledesk\) and then, when Inno Setup 6's
; iscc.exe is on PATH, this script -> dist\PaddleDesk-<version>-setup.exe. By hand:
;     iscc /DAppVersion=0.1.0 /DDist=%CD%\dist packaging\windows\paddledesk.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef Dist
  #define Dist "..\..\dist"
#endif

[Setup]
AppId={{6E0C2B1A-7F43-4C1E-9D57-2A3B9C0D5E11}
AppName=PaddleDesk
AppVersion={#AppVersion}
AppPublisher=The PaddleDesk authors
DefaultDirName={autopf}\PaddleDesk
DefaultGroupName=PaddleDesk
; per-user install by default (no admin prompt); the user may choose all users
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Dist}
OutputBaseFilename=PaddleDesk-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\paddledesk.ico
UninstallDisplayIcon={app}\paddledesk-gui.exe
; the bundle is ~1 GB: lzma2 at its fast level keeps the build in minutes
Compression=lzma2/fast
SolidCompression=no
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the paddledesk command to PATH"; Flags: unchecked

[Files]
Source: "{#Dist}\paddledesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\PaddleDesk"; Filename: "{app}\paddledesk-gui.exe"
Name: "{group}\Uninstall PaddleDesk"; Filename: "{uninstallexe}"
Name: "{autodesktop}\PaddleDesk"; Filename: "{app}\paddledesk-gui.exe"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
    Tasks: addtopath; Check: not IsAdminInstallMode

[Run]
Filename: "{app}\paddledesk-gui.exe"; Description: "{cm:LaunchProgram,PaddleDesk}"; Flags: nowait postinstall skipifsilent
